/** `GET v2/platform/status`: `[1]` while customers can pay on some rail, `[0]` when none works. */
import type { RailsMonitor } from "../rail-health/health";
import { railUsable } from "../rail-health/health";

export async function platformStatus(rails: Pick<RailsMonitor, "current">): Promise<[0 | 1]> {
  const health = await rails.current();
  return [railUsable(health.pay) || railUsable(health.lightning) ? 1 : 0];
}
