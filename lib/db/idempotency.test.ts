// One rule for every idempotent request (checkout creation, refunds): the first use does the work,
// a repeat gets its answer, a different request with the key is refused, and a race is answered
// with the winner's result. Against an in-memory record of keys; the database-backed callers are
// covered in lib/checkouts/create.test.ts and lib/refunds/refunds.test.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiError } from "../errors/api-error";
import { idempotent, KeyTaken, requestHash, type EarlierUse } from "./idempotency";

function store() {
  const keys = new Map<string, EarlierUse<string>>();
  let runs = 0;
  return {
    keys,
    runs: () => runs,
    find: async (scope: string, key: string) => keys.get(`${scope}/${key}`) ?? null,
    work: (scope: string, key: string, answer: string) => async (hash: string | null) => {
      runs++;
      if (hash !== null) {
        if (keys.has(`${scope}/${key}`)) throw new KeyTaken();
        keys.set(`${scope}/${key}`, { requestHash: hash, answer });
      }
      return answer;
    },
  };
}

const refused = (code: string) => (e: unknown) => e instanceof ApiError && e.code === code;

describe("idempotent requests", () => {
  it("the first use does the work; a repeat with the same request gets its answer and does nothing", async () => {
    const s = store();
    const idem = { scope: "api:k", key: "order-1", request: { amount: "10.00" } };
    assert.deepEqual(await idempotent(idem, s.find, s.work("api:k", "order-1", "co_1")), {
      value: "co_1",
      replayed: false,
    });
    assert.deepEqual(
      await idempotent({ ...idem, request: { amount: "10.00" } }, s.find, s.work("api:k", "order-1", "co_2")),
      {
        value: "co_1",
        replayed: true,
      },
    );
    assert.equal(s.runs(), 1);
  });

  it("the same key with a different request is refused (422 idempotency_key_reused), nothing is done", async () => {
    const s = store();
    await idempotent({ scope: "a", key: "k", request: { amount: "10.00" } }, s.find, s.work("a", "k", "x"));
    await assert.rejects(
      idempotent({ scope: "a", key: "k", request: { amount: "11.00" } }, s.find, s.work("a", "k", "y")),
      (e) => refused("idempotency_key_reused")(e) && (e as ApiError).status === 422,
    );
    assert.equal(s.runs(), 1);
  });

  it("keys are per scope: the same key in another scope is a new request", async () => {
    const s = store();
    await idempotent({ scope: "a", key: "k", request: 1 }, s.find, s.work("a", "k", "x"));
    assert.deepEqual(await idempotent({ scope: "b", key: "k", request: 2 }, s.find, s.work("b", "k", "y")), {
      value: "y",
      replayed: false,
    });
  });

  it("a key recorded without an answer yet is in progress (409 idempotency_conflict)", async () => {
    const s = store();
    s.keys.set("a/k", { requestHash: requestHash({ n: 1 }), answer: null });
    await assert.rejects(
      idempotent({ scope: "a", key: "k", request: { n: 1 } }, s.find, s.work("a", "k", "x")),
      (e) => refused("idempotency_conflict")(e) && (e as ApiError).status === 409,
    );
  });

  it("a race lost on the key (KeyTaken, or a unique violation) is answered with the winner's result", async () => {
    const s = store();
    const idem = { scope: "a", key: "k", request: { n: 1 } };
    // The winner records the key between this request's look-up and its own write.
    const lose = (error: Error) => async () => {
      s.keys.set("a/k", { requestHash: requestHash(idem.request), answer: "winner" });
      throw error;
    };
    assert.deepEqual(await idempotent(idem, s.find, lose(new KeyTaken())), { value: "winner", replayed: true });
    s.keys.clear();
    const violation = Object.assign(new Error("duplicate key"), { cause: { code: "23505" } });
    assert.deepEqual(await idempotent(idem, s.find, lose(violation)), { value: "winner", replayed: true });
  });

  it("a unique violation that is not about the key stays the caller's; other failures pass through", async () => {
    const s = store();
    const violation = Object.assign(new Error("another refund in flight"), { code: "23505" });
    await assert.rejects(
      idempotent({ scope: "a", key: "k", request: 1 }, s.find, async () => {
        throw violation;
      }),
      (e) => e === violation,
    );
    const boom = new Error("boom");
    await assert.rejects(
      idempotent({ scope: "a", key: "k", request: 1 }, s.find, async () => {
        throw boom;
      }),
      (e) => e === boom,
    );
    assert.equal(s.keys.size, 0);
  });

  it("without a key the work runs every time", async () => {
    const s = store();
    await idempotent(undefined, s.find, s.work("a", "k", "x"));
    await idempotent(undefined, s.find, s.work("a", "k", "x"));
    assert.equal(s.runs(), 2);
  });
});
