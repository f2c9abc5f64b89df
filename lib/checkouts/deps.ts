/**
 * What the checkout engine needs from the outside world, passed in rather than imported so that
 * tests can run it against an in-memory database, a sandbox on a random port and a clock they set.
 */
import type { BitfinexClient } from "../bitfinex/client";
import type { Db } from "../db/connect";
import type { Mode } from "../env";
import type { PayLimitsSource } from "../pay-limits/source";
import type { RailsMonitor } from "../rail-health/health";
import type { MethodMap } from "./rails/pay-payments";

export interface CheckoutDeps {
  db: Db;
  bitfinex: BitfinexClient;
  rails: RailsMonitor;
  /** Bitfinex's deposit method -> currency map, for telling which invoice entry a payment paid. */
  methods: { get(): Promise<MethodMap> };
  mode: Mode;
  /** Origin of this app as customers reach it: payment URLs and Bitfinex's webhook are built on it. */
  appUrl: string;
  now: () => number;
  log: (line: string) => void;
  /** The merchant's Bitfinex limits (daily, per currency); absent where nothing is limited (most tests). */
  payLimits?: PayLimitsSource;
  /**
   * Pay currencies whose deposit address the go-live check found missing (lib/rail-health/go-live.ts):
   * not offered to customers, since Bitfinex cannot take a payment in them. Absent: none missing.
   */
  missingAddresses?: () => ReadonlySet<string>;
  /**
   * How a request waiting for another instance's claim on a rail pauses between looks (default:
   * a timer). Tests pass their own to see the request waiting instead of sleeping themselves.
   */
  pause?: (ms: number) => Promise<void>;
}
