// How a way to pay is named on screen.
import type { PayOption } from "./types";

export const optionLabel = (o: Pick<PayOption, "assetName" | "networkName">) => `${o.assetName} · ${o.networkName}`;
