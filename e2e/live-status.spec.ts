// The payment page hears of a payment over its status stream (Server-Sent Events), without
// polling while the stream is open; when the stream cannot be opened it polls and still gets there.
import { expect, test, type Page } from "@playwright/test";
import { newCheckout, pick } from "./support/checkout";

/** Counts the page's status polls and stream opens from now on. */
function watchRequests(page: Page) {
  const seen = { polls: 0, streams: 0 };
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/api\/checkouts\/co_\w+\/status$/.test(path)) seen.polls++;
    if (/^\/api\/checkouts\/co_\w+\/events$/.test(path)) seen.streams++;
  });
  return seen;
}

test("paid is pushed to the open page over the stream: no poll while it is open", async ({ page, request }) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  const seen = watchRequests(page);
  // The page's timers follow a clock the test can move; time still passes as usual.
  await page.clock.install();
  const streamOpen = page.waitForResponse(
    (r) => r.url().endsWith(`/api/checkouts/${checkout.id}/events`) && r.status() === 200,
  );
  await page.goto(`/pay/${checkout.id}`);
  const stream = await streamOpen;
  expect(stream.headers()["content-type"]).toContain("text/event-stream");
  await pick(page, /^Bitcoin$/);
  // Three poll intervals pass: a polling page would ask (the blocked-stream test below does).
  const pollsBefore = seen.polls;
  await page.clock.fastForward(6_000);
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 10_000 });
  expect(seen.polls, "no status poll was needed").toBe(pollsBefore);
  expect(seen.streams).toBe(1);
});

test("with the stream blocked (a proxy that does not pass it), the page polls and still sees the payment", async ({
  page,
  request,
}) => {
  const checkout = await newCheckout(request, { payCurrencies: ["BTC"] });
  await page.route("**/api/checkouts/*/events", (route) => route.abort());
  const seen = watchRequests(page);
  await page.clock.install();
  await page.goto(`/pay/${checkout.id}`);
  await pick(page, /^Bitcoin$/);
  const pollsBefore = seen.polls;
  await page.clock.fastForward(6_000);
  await expect.poll(() => seen.polls, { message: "the page polls instead" }).toBeGreaterThan(pollsBefore);
  await request.post(`/sandbox/control/invoices/${checkout.id}/pay`, { data: {} });
  await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible({ timeout: 10_000 });
});

test("the stream's first event is the status a poll answers; an unknown checkout is a 404", async ({
  request,
  baseURL,
}) => {
  const checkout = await newCheckout(request);
  expect((await request.get("/api/checkouts/co_aaaaaaaaaaaaaaaaaaaaaaaaaa/events")).status()).toBe(404);
  const poll = await (await request.get(`/api/checkouts/${checkout.id}/status`)).json();
  // A plain fetch, read until the first event: the request fixture would wait for the stream to end.
  const abort = new AbortController();
  const res = await fetch(`${baseURL}/api/checkouts/${checkout.id}/events`, { signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-transform");
  const reader = res.body!.getReader();
  let text = "";
  while (!/event: status\ndata: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  abort.abort();
  const data = text.split("\n").find((l) => l.startsWith("data: "))!;
  const pushed = JSON.parse(data.slice("data: ".length));
  expect({ ...pushed, serverTime: null }).toEqual({ ...poll, serverTime: null });
});
