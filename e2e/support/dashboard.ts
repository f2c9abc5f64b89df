// Signing in to the dashboard as the sandbox's admin (ADMIN_PASSWORD_HASH unset: admin / sandbox).
import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, path = "/dashboard") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill("sandbox");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** Answers the dashboard's in-page confirmation (a modal <dialog>) with its confirm button. */
export async function confirmInPage(page: Page, button: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** A dashboard API call made by the page itself (same origin, with its session), as its forms make them. */
export function dashboardFetch(
  page: Page,
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return page.evaluate(
    async ([url, method, body, headers]) => {
      const res = await fetch(url as string, {
        method: method as string,
        headers: { "content-type": "application/json", ...(headers as Record<string, string>) },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    },
    [url, method, body, headers] as const,
  );
}
