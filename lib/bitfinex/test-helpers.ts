// Shared by the lib/bitfinex unit tests.
import assert from "node:assert/strict";
import { BitfinexError } from "./errors";

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
