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
