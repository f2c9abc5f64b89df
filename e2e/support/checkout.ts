// Shared steps for the payment-page tests: create a checkout over the merchant API, pick a
// currency, and check a state with axe-core.
import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";

export const auth = { authorization: "Bearer sk_sandbox_0123456789abcdefghijkl" };

export async function newCheckout(request: APIRequestContext, body: Record<string, unknown> = {}) {
  const res = await request.post("/api/v1/checkouts", {
    headers: auth,
    data: {
      amount: "25.00",
      currency: "USD",
      orderId: `P-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
      description: "Two ceramic mugs",
      ...body,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; url: string };
}

export async function pick(page: Page, name: RegExp) {
  await page.getByRole("radio", { name }).check();
  await expect(page.getByTestId("qr")).toBeVisible();
}

/** Zero serious or critical WCAG 2.x A/AA violations in the page as it is now. */
export async function expectAccessible(page: Page, state: string) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe in state "${state}"`).toEqual([]);
}

/** Reads the QR code as a phone camera would: from the pixels on screen, not from an attribute. */
export async function decodeQr(page: Page): Promise<string> {
  // The white frame around the code is its quiet zone.
  const png = PNG.sync.read(await page.getByTestId("qr").locator("..").screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code, "the QR code on screen decodes").not.toBeNull();
  return code!.data;
}
