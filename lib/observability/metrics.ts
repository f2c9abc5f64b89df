/**
 * The app's Prometheus metrics (prom-client), one registry per process. Counters are incremented
 * where things happen (a checkout made or moved, a Bitfinex call, a webhook delivery, a limiter
 * refusal); what the database already knows (checkouts by state, the webhook backlog, the
 * reconciler's lag) is read when scraped, through collectors registered by the wiring layer
 * (lib/server/metrics-collectors.ts). Served at /api/metrics. The names are documented in README
 * ("Operating it") and used by docs/grafana-dashboard.json.
 *
 * Labels are closed vocabularies (states, endpoint families, outcomes): never ids, amounts or
 * addresses, so the number of series stays small and nothing personal reaches a scraper.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface AppMetrics {
  registry: Registry;
  checkoutsCreated: Counter<"source">;
  stateEntered: Counter<"state">;
  paymentSeenSeconds: Histogram<never>;
  bitfinexRequests: Counter<"family" | "outcome">;
  bitfinexRequestSeconds: Histogram<"family">;
  webhookDeliveries: Counter<"outcome">;
  limiterRefusals: Counter<"limit">;
}

// Next bundles each route on its own: one registry per process, shared through globalThis.
const holder = globalThis as unknown as { __appMetrics?: AppMetrics };

export function metrics(): AppMetrics {
  return (holder.__appMetrics ??= create());
}

function create(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    checkoutsCreated: new Counter({
      name: "checkout_created_total",
      help: "Checkouts created, by where they came from (api, dashboard, link, signed_link, pos).",
      labelNames: ["source"],
      registers,
    }),
    stateEntered: new Counter({
      name: "checkout_state_entered_total",
      help: "Checkout state changes, by the state entered.",
      labelNames: ["state"],
      registers,
    }),
    paymentSeenSeconds: new Histogram({
      name: "checkout_payment_seen_seconds",
      help: "From the time Bitfinex gives a checkout's first payment to the moment this app recorded it.",
      buckets: [1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
      registers,
    }),
    bitfinexRequests: new Counter({
      name: "bitfinex_requests_total",
      help: "HTTP requests to Bitfinex, by endpoint family and outcome (ok, http_429, http_4xx, http_5xx, timeout, network).",
      labelNames: ["family", "outcome"],
      registers,
    }),
    bitfinexRequestSeconds: new Histogram({
      name: "bitfinex_request_seconds",
      help: "Time to Bitfinex's answer (or the failure), by endpoint family.",
      labelNames: ["family"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "webhook_deliveries_total",
      help: "Merchant webhook delivery attempts, by outcome (delivered, retrying, failed).",
      labelNames: ["outcome"],
      registers,
    }),
    limiterRefusals: new Counter({
      name: "limiter_refusals_total",
      help: "Requests refused by this app's own rate limits, by limit.",
      labelNames: ["limit"],
      registers,
    }),
  };
}

/**
 * A gauge whose value is read from somewhere (the database) at each scrape. Registered once per
 * process; `read` returns label values → number.
 */
export function registerReadGauge(
  name: string,
  help: string,
  labelNames: string[],
  read: () => Promise<Array<{ labels: Record<string, string>; value: number }>>,
): void {
  const { registry } = metrics();
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { labels, value } of await read()) this.set(labels, value);
    },
  });
}
