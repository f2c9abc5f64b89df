import assert from "node:assert/strict";
import { test } from "node:test";
import { safeCallbackPath } from "./callback-path";

test("paths inside the app are kept", () => {
  assert.equal(safeCallbackPath("/dashboard/checkouts?state=paid"), "/dashboard/checkouts?state=paid");
  assert.equal(safeCallbackPath("/dashboard/webhooks/evt_1#top"), "/dashboard/webhooks/evt_1#top");
});

test("anything that could leave the app, or break the Location header, falls back to /dashboard", () => {
  for (const bad of [
    undefined,
    "",
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example", // a browser drops the tab: //evil.example
    "/\n/evil.example", // a newline also breaks the redirect header (it was a 500)
    "/\r\n/evil.example",
    " /dashboard",
    "/.//evil.example", // dot segments: normalised to //evil.example
    "/..//evil.example",
    "/%2e//evil.example",
    "javascript:alert(1)",
    "/%0a/evil.example".replace("%0a", "\u0000"),
    "/" + "a".repeat(2001),
    ["/dashboard", "//evil.example"], // ?callbackUrl=…&callbackUrl=…
  ]) {
    assert.equal(safeCallbackPath(bad), "/dashboard", JSON.stringify(bad));
  }
});
