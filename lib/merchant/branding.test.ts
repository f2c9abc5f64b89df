import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { brandingFromEnv, textOn } from "./branding";

describe("payment page branding from the environment", () => {
  it("takes a name, an https or same-origin logo and a #rrggbb colour", () => {
    const b = brandingFromEnv({ MERCHANT_NAME: "  Mug Co  ", MERCHANT_LOGO_URL: "/logo.svg", BRAND_COLOR: "#3B5BDB" });
    assert.deepEqual(b, { name: "Mug Co", logoUrl: "/logo.svg", color: "#3B5BDB" });
    assert.equal(
      brandingFromEnv({ MERCHANT_LOGO_URL: "https://cdn.example.com/l.png" }).logoUrl,
      "https://cdn.example.com/l.png",
    );
  });

  it("refuses logos that are insecure, protocol-relative or could break out of the attribute", () => {
    for (const url of [
      "http://example.com/l.png",
      "//evil.example/l.png",
      "javascript:alert(1)",
      'https://x.example/"onerror=alert(1)',
      "/a b.svg",
      "data:image/svg+xml,<svg>",
      "/\\evil.example",
    ]) {
      assert.equal(brandingFromEnv({ MERCHANT_LOGO_URL: url }).logoUrl, null, url);
    }
  });

  it("falls back to the default colour for anything but #rrggbb, and names the sandbox shop", () => {
    for (const color of ["red", "#fff", "#12345g", "#123456;background:url(x)"])
      assert.equal(brandingFromEnv({ BRAND_COLOR: color }).color, "#16b157");
    assert.equal(brandingFromEnv({}, "sandbox").name, "Sandbox Shop");
    assert.equal(brandingFromEnv({}, "live").name, "Checkout");
  });

  it("picks the readable text colour on the brand colour", () => {
    assert.equal(textOn("#ffffff"), "#000000");
    assert.equal(textOn("#000000"), "#ffffff");
    assert.equal(textOn("#3b5bdb"), "#ffffff");
    assert.equal(textOn("#ffd43b"), "#000000");
  });
});
