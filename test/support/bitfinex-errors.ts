// Shared by the Bitfinex client tests (lib/bitfinex).
import assert from "node:assert/strict";
import { BitfinexError } from "../../lib/bitfinex/errors";

/** Awaits a promise that must reject with a BitfinexError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<BitfinexError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof BitfinexError, `expected a BitfinexError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected a rejection");
}
