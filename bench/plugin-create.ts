/**
 * Figure: our overhead on Bitfinex Pay's WooCommerce plugin's invoice create (lib/bfx-pay) against
 * the merchant API's create, in the same run. Neither calls Bitfinex (a checkout asks Bitfinex for
 * an invoice only when the customer starts paying), so the whole request is our own work: the
 * plugin's adds the key lookup, the HMAC check, the nonce update and the link row in the checkout's
 * transaction. Samples alternate between the two, one at a time, so both see the same machine.
 * Requests are signed as the plugin signs them (e2e/fixtures/bfx-pay-woocommerce.ts).
 */
import { pluginNonce, signedRequest, PATHS } from "../e2e/fixtures/bfx-pay-woocommerce";
import { MERCHANT_AUTH, newCheckout } from "./invoice-cost";
import { round, summarize } from "./stats";

const WARMUP = 5;
const SAMPLES = 60;

export async function measurePluginCreate(origin: string) {
  const res = await fetch(`${origin}/api/v1/bfx-pay-keys`, {
    method: "POST",
    headers: { ...MERCHANT_AUTH, "content-type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  if (res.status !== 201) throw new Error(`plugin key: ${res.status} ${await res.text()}`);
  const key = (await res.json()) as { apiKey: string; secret: string };
  // The bench reaches the app on 127.0.0.1; the key's URLs name APP_URL.
  const apiUrl = `${origin}/bfx/`;
  let order = 1;
  const pluginCreate = async () => {
    const orderId = order++;
    const r = signedRequest({
      apiUrl,
      path: PATHS.create,
      apiKey: key.apiKey,
      secret: key.secret,
      nonce: pluginNonce(),
      body: {
        amount: "25.00",
        currency: "USD",
        payCurrencies: ["BTC", "LNX"],
        orderId: `${orderId}`,
        duration: 86399,
        webhook: "http://127.0.0.1:9/?wc-api=bitfinex",
        redirectUrl: `http://127.0.0.1:9/checkout/order-received/${orderId}/`,
        customerInfo: {
          nationality: "DE",
          residCountry: "DE",
          residCity: "Berlin",
          residState: "",
          residZipCode: "10115",
          residStreet: "Invalidenstraße 1",
          fullName: "Jürgen Müller",
          email: "j@example.com",
        },
      },
    });
    const started = performance.now();
    const answer = await fetch(r.url, { method: "POST", headers: r.headers, body: r.body });
    const text = await answer.text();
    const ms = performance.now() - started;
    if (answer.status !== 200) throw new Error(`plugin create: ${answer.status} ${text}`);
    return ms;
  };
  const apiCreate = async () => {
    const started = performance.now();
    await newCheckout(origin);
    return performance.now() - started;
  };
  for (let i = 0; i < WARMUP; i++) {
    await pluginCreate();
    await apiCreate();
  }
  const plugin: number[] = [];
  const api: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (i % 2 === 0) {
      plugin.push(await pluginCreate());
      api.push(await apiCreate());
    } else {
      api.push(await apiCreate());
      plugin.push(await pluginCreate());
    }
  }
  const p = summarize(plugin);
  const a = summarize(api);
  return { plugin: p, api: a, ratioP95: round(p.p95 / a.p95, 2) };
}
