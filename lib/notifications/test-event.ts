// The dashboard's (and the API's) "send a test event": a `test.ping` in the same outbox as checkout events.
import type { Db } from "../db/connect";
import { notificationEvents } from "../db/schema";
import type { Mode } from "../env";
import { newId } from "../ids";
import { buildPayload } from "../checkouts/outbox";

/** A `test.ping` event (the dashboard's "send a test event"): about no checkout, so nothing waits for it. */
export async function writeTestEvent(db: Db, at: Date, mode: Mode) {
  const id = newId("evt");
  const payload = buildPayload(
    id,
    "test.ping",
    at,
    { message: "This is a test event from your Bitfinex Checkout." },
    mode,
  );
  const [row] = await db
    .insert(notificationEvents)
    .values({ id, checkoutId: null, type: "test.ping", createdAt: at, nextAttemptAt: at, payload })
    .returning();
  return row!;
}
