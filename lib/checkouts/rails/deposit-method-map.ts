/**
 * Bitfinex's method -> currency map (GET /v2/conf/pub:map:tx:method), kept for hours: it changes
 * when Bitfinex adds a chain, not between two payments. Until it is read, or when Bitfinex does
 * not answer, the built-in table stands in; reading a payment never waits on or fails with it.
 */
import { BUILT_IN_METHOD_MAP } from "../../currencies/deposit-methods";
import type { MethodMap } from "./pay-payments";
import { log as logger } from "../../observability/log";

const FRESH_MS = 6 * 60 * 60_000;
const RETRY_MS = 10 * 60_000;

export class DepositMethodMap {
  private map: MethodMap = BUILT_IN_METHOD_MAP;
  private nextFetchAt = 0;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly fetchMap: () => Promise<MethodMap>,
    private readonly now: () => number = Date.now,
    private readonly log: (line: string) => void = (line) => logger().warn(line),
  ) {}

  /** The freshest map there is: Bitfinex's, completed by the built-in table for methods it lacks. */
  async get(): Promise<MethodMap> {
    if (this.now() >= this.nextFetchAt) await (this.inflight ??= this.refresh().finally(() => (this.inflight = null)));
    return this.map;
  }

  /** Whether the map in use came from Bitfinex (false: the built-in table). */
  get live(): boolean {
    return this.map !== BUILT_IN_METHOD_MAP;
  }

  private async refresh(): Promise<void> {
    try {
      const fetched = await this.fetchMap();
      const merged = new Map(BUILT_IN_METHOD_MAP);
      for (const [method, currencies] of fetched) merged.set(method, currencies);
      this.map = merged;
      this.nextFetchAt = this.now() + FRESH_MS;
    } catch (e) {
      this.nextFetchAt = this.now() + RETRY_MS;
      this.log(
        `bitfinex: the deposit method map could not be read, using the built-in table (${e instanceof Error ? e.message : String(e)})`,
      );
    }
  }
}
