// How a way to pay is named on screen: once, without saying the same thing twice.
import type { PayOption } from "./types";

/** "Bitcoin", "Lightning", "USDt · Tron (TRC-20)", "Bitcoin · Liquid". */
export function optionLabel(o: Pick<PayOption, "assetName" | "networkName">): string {
  if (o.networkName === o.assetName) return o.assetName;
  // Lightning is Bitcoin's, and customers know it by that name alone.
  if (o.networkName === "Lightning") return o.networkName;
  return `${o.assetName} · ${o.networkName}`;
}
