import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { createLogger } from "./log";
import { addLogContext, withLogContext } from "./log-context";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ format: "json", level: "debug", destination }) };
}

const SECRET = "bfxsecret-3f1c9a7e5d2b";
const KEY = "bfxkey-77aa12";
const SIGNATURE = "9f8e7d6c5b4a";
const WEBHOOK_SECRET = "whsec_abcdefghijklmnop";
const EMAIL = "alice@example.com";

test("secrets, signatures, keys and customer details never reach the log, at any of the usual places", () => {
  const { lines, logger } = capture();
  logger.info({ apiKey: KEY, apiSecret: SECRET }, "bitfinex client configured");
  logger.info({ request: { headers: { "bfx-apikey": KEY, "bfx-signature": SIGNATURE } } }, "signed request");
  logger.warn({ headers: { authorization: `Bearer ${KEY}`, cookie: `session=${SECRET}` } }, "incoming");
  logger.info({ endpoint: { url: "https://shop.example/hook", secret: WEBHOOK_SECRET } }, "webhook endpoint set");
  logger.info({ delivery: { signature: `t=1,v1=${SIGNATURE}` } }, "delivered");
  logger.info({ checkout: { id: "co_1", customerInfo: { email: EMAIL, fullName: "Alice B" } } }, "created");
  logger.info({ email: EMAIL, password: SECRET }, "sign-in");
  const all = lines.join("\n");
  for (const value of [SECRET, KEY, SIGNATURE, WEBHOOK_SECRET, EMAIL, "Alice B"])
    assert.ok(!all.includes(value), value);
  assert.equal(lines.length, 7);
  assert.ok(all.includes("[redacted]"));
  // What is not secret stays readable.
  assert.ok(all.includes("https://shop.example/hook"));
  assert.ok(all.includes('"id":"co_1"'));
});

test("every line inside a request carries its request id, and the checkout once the route knows it", () => {
  const { lines, logger } = capture();
  logger.info("outside");
  withLogContext({ requestId: "req-123" }, () => {
    logger.info("first");
    addLogContext({ checkoutId: "co_abc" });
    logger.warn("second");
  });
  const [outside, first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(outside!.requestId, undefined);
  assert.equal(first!.requestId, "req-123");
  assert.equal(first!.checkoutId, undefined);
  assert.equal(second!.requestId, "req-123");
  assert.equal(second!.checkoutId, "co_abc");
  assert.equal(second!.level, "warn");
  assert.equal(typeof second!.time, "string");
});

test("the level filters: debug lines are dropped at info", () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ format: "json", level: "info", destination });
  logger.debug("hidden");
  logger.info("shown");
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /shown/);
});
