import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { embedTarget, messageForState, parentOriginOf } from "./embed-messages";

describe("messages to a merchant's page framing the checkout", () => {
  it("go only to the app itself or an allowed origin", () => {
    const allowed = ["https://shop.example", "http://127.0.0.1:3150"];
    assert.equal(embedTarget("https://shop.example", allowed, "https://pay.example"), "https://shop.example");
    assert.equal(embedTarget("https://pay.example", allowed, "https://pay.example"), "https://pay.example");
    assert.equal(embedTarget("https://evil.example", allowed, "https://pay.example"), null);
    assert.equal(embedTarget("https://shop.example.evil", allowed, "https://pay.example"), null);
    assert.equal(embedTarget("null", allowed, "https://pay.example"), null);
    assert.equal(embedTarget(null, allowed, "https://pay.example"), null);
  });

  it("report paid (also when late) and expired, nothing for states on the way", () => {
    assert.equal(messageForState("paid"), "paid");
    assert.equal(messageForState("paid_late"), "paid");
    assert.equal(messageForState("expired"), "expired");
    for (const state of ["awaiting_payment", "confirming", "underpaid"]) assert.equal(messageForState(state), null);
  });

  it("find the framing page from ancestorOrigins, else from the referrer", () => {
    const parent = {} as Window;
    const frame = (ancestorOrigins: string[] | undefined, referrer: string) =>
      ({
        parent,
        location: {
          ancestorOrigins:
            ancestorOrigins && Object.assign([...ancestorOrigins], { item: () => null, contains: () => false }),
        },
        document: { referrer },
      }) as unknown as Window;
    assert.equal(
      parentOriginOf(frame(["https://shop.example", "https://top.example"], "https://other.example/x")),
      "https://shop.example",
    );
    assert.equal(parentOriginOf(frame(undefined, "https://shop.example/cart?x=1")), "https://shop.example");
    assert.equal(parentOriginOf(frame([], "")), null);
    assert.equal(parentOriginOf(frame(undefined, "not a url")), null);
    const top = { location: {}, document: { referrer: "https://shop.example/" } } as unknown as Window & {
      parent: Window;
    };
    top.parent = top;
    assert.equal(parentOriginOf(top), null);
  });
});
