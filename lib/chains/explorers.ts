/**
 * Where a customer can see a transaction for themselves: a public block explorer per chain, only
 * for live (mainnet) payments and only for a transaction id of the chain's own form, so a sandbox
 * (regtest) payment, a Lightning payment hash or a Bitfinex-internal id never becomes a dead link.
 */
import type { Mode } from "../env";

const HEX64 = /^[0-9a-f]{64}$/i;
const EVM_TX = /^0x[0-9a-f]{64}$/i;

/** Pay-currency symbol -> [the txid form it uses, the explorer URL for it]. */
const EXPLORERS: Record<string, [RegExp, (txid: string) => string]> = {
  BTC: [HEX64, (t) => `https://mempool.space/tx/${t}`],
  LTC: [HEX64, (t) => `https://blockchair.com/litecoin/transaction/${t}`],
  DOGE: [HEX64, (t) => `https://blockchair.com/dogecoin/transaction/${t}`],
  LBT: [HEX64, (t) => `https://blockstream.info/liquid/tx/${t}`],
  "UST-LBT": [HEX64, (t) => `https://blockstream.info/liquid/tx/${t}`],
  ETH: [EVM_TX, (t) => `https://etherscan.io/tx/${t}`],
  "UST-ETH": [EVM_TX, (t) => `https://etherscan.io/tx/${t}`],
  "EUT-ETH": [EVM_TX, (t) => `https://etherscan.io/tx/${t}`],
  "UST-PLY": [EVM_TX, (t) => `https://polygonscan.com/tx/${t}`],
  AVAX: [EVM_TX, (t) => `https://snowtrace.io/tx/${t}`],
  "UST-TRX": [HEX64, (t) => `https://tronscan.org/#/transaction/${t.toLowerCase()}`],
};

export function explorerUrl(mode: Mode, payCurrency: string | null, txid: string | null): string | null {
  if (mode !== "live" || !payCurrency || !txid) return null;
  const explorer = EXPLORERS[payCurrency];
  return explorer && explorer[0].test(txid) ? explorer[1](txid) : null;
}
