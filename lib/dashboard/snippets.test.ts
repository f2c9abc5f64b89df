import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { contrastRatio, DEFAULT_COLOR, textOn } from "../merchant/branding";
import { buttonStyle, snippets } from "./snippets";

const BRANDS = [
  DEFAULT_COLOR,
  "#ffffff",
  "#000000",
  "#3b5bdb",
  "#ffd43b",
  "#e03131",
  "#f59f00",
  "#767676",
  "#777777",
  "#00ff00",
  "#0000ff",
  "#ff00ff",
  "#12b886",
  "#7048e8",
];

describe("snippet colours", () => {
  it("the contrast ratio matches WCAG's published values", () => {
    assert.equal(contrastRatio("#000000", "#ffffff"), 21);
    assert.equal(contrastRatio("#ffffff", "#ffffff"), 1);
    assert.equal(Math.round(contrastRatio("#767676", "#ffffff") * 100) / 100, 4.54);
    assert.ok(
      contrastRatio("#16b157", "#ffffff") < 3,
      "white on the default green fails AA: the reason for this change",
    );
  });

  for (const brand of BRANDS) {
    it(`the HTML button's text passes WCAG AA (4.5:1) on ${brand}`, () => {
      const style = buttonStyle(brand);
      assert.equal(style.background, brand);
      assert.ok(
        contrastRatio(style.background, style.color) >= 4.5,
        `${style.color} on ${brand}: ${contrastRatio(style.background, style.color).toFixed(2)}`,
      );
      const button = snippets("https://pay.example/pay/co_x", "https://pay.example", brand).find(
        (s) => s.name === "HTML button",
      )!.value;
      assert.ok(button.includes(`background:${brand};color:${textOn(brand)}`), button);
    });
  }

  it("the default green gets black text; a dark brand white text", () => {
    assert.equal(buttonStyle(DEFAULT_COLOR).color, "#000000");
    assert.equal(buttonStyle("#1d4ed8").color, "#ffffff");
  });

  it("a colour that is not #rrggbb falls back to the default, and the URL cannot break out of the attribute", () => {
    assert.deepEqual(buttonStyle("red;x:y"), { background: DEFAULT_COLOR, color: "#000000" });
    const button = snippets('https://pay.example/l/x"><script>', "https://pay.example", DEFAULT_COLOR, "<b>Pay</b>")[1]!
      .value;
    assert.ok(!button.includes('"><script>') && !button.includes("<b>"), button);
  });
});
