/**
 * Test-only: tests that need a PostgreSQL server (TEST_DATABASE_URL; CI always sets it) are
 * registered everywhere. Where no server is given they are reported as skipped, with the reason,
 * instead of vanishing from the count (a file whose only tests vanish would count as 1 passed).
 *
 *   const { url, it, before, after } = postgresTests();
 *   describe("… on PostgreSQL", () => { before(async () => connect(url!)); it("…", async () => …); });
 *
 * The functions shadow node:test's own: with a server they are node:test's; without one every test
 * is registered with `skip: NEEDS_POSTGRES` and the hooks do nothing, so nothing tries to connect.
 */
import * as nodeTest from "node:test";

export const NEEDS_POSTGRES = "needs TEST_DATABASE_URL (PostgreSQL)";

export interface TestFns {
  it: typeof nodeTest.it;
  test: typeof nodeTest.test;
  before: typeof nodeTest.before;
  after: typeof nodeTest.after;
  beforeEach: typeof nodeTest.beforeEach;
  afterEach: typeof nodeTest.afterEach;
}

const doNothing = () => {};

/** node:test's functions, or (given a reason) ones that register every test as skipped for it. */
export function testFns(skip?: string): TestFns {
  if (!skip) {
    const { it, test, before, after, beforeEach, afterEach } = nodeTest;
    return { it, test, before, after, beforeEach, afterEach };
  }
  const skipped = (name: string, optionsOrFn?: nodeTest.TestOptions | nodeTest.TestFn, fn?: nodeTest.TestFn) => {
    const options = typeof optionsOrFn === "object" ? optionsOrFn : {};
    return nodeTest.it(name, { ...options, skip }, typeof optionsOrFn === "function" ? optionsOrFn : fn);
  };
  return {
    it: skipped as typeof nodeTest.it,
    test: skipped as typeof nodeTest.test,
    before: doNothing,
    after: doNothing,
    beforeEach: doNothing,
    afterEach: doNothing,
  };
}

/** TEST_DATABASE_URL (or null) and the test functions for tests that need it. */
export function postgresTests(): TestFns & { url: string | null } {
  const url = process.env.TEST_DATABASE_URL || null;
  return { url, ...testFns(url ? undefined : NEEDS_POSTGRES) };
}
