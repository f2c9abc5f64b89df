/**
 * What goes in the QR code and the "Open in wallet" link for each way to pay, with the amount
 * wherever the chain has a standard a wallet reads:
 *  - Bitcoin, Litecoin, Dogecoin on-chain: a BIP21 URI with the amount;
 *  - Lightning: "lightning:" + the BOLT11 in upper case (QR alphanumeric mode: a smaller code);
 *  - Ether and ERC-20 tokens on Ethereum: an EIP-681 URI (chain id 1): the value in wei for Ether,
 *    a `transfer` call on the token contract for USDt and EURt, amounts in the token's base units;
 *  - other chains (Tron, TON, Polygon, Liquid, Avalanche): the bare address, the amount shown
 *    beside it. Tron has no URI standard, and the forms some wallets read ("tron:…?amount=") are
 *    refused by others' scanners, while every Tron wallet reads a bare address.
 * @see https://eips.ethereum.org/EIPS/eip-681
 */
import type { PaymentInstructions } from "./merchant-view";

const BIP21_SCHEMES: Record<string, string> = { BTC: "bitcoin", LTC: "litecoin", DOGE: "dogecoin" };

/** ERC-20 contracts on Ethereum mainnet, with their decimals (Tether's own published addresses). */
const ERC20: Record<string, { contract: string; decimals: number }> = {
  "UST-ETH": { contract: "0xdAC17F958D2ee523a2206206994597C13D831ec7", decimals: 6 },
  "EUT-ETH": { contract: "0xC581b735A1688071A1746c968e0798D642EDE491", decimals: 6 },
};

export interface PaymentTargets {
  /** Encoded in the QR code. */
  qr: string;
  /** For the "Open in wallet" link; null when no scheme is widely understood. */
  walletLink: string | null;
}

/**
 * A decimal amount in base units, exact: 25.5 USDt (6 decimals) → "25500000". Moving the decimal
 * point is done on the digits, not with arithmetic (this runs in the browser too, where the
 * payment page keeps decimal.js out of its bundle). Null when the amount has more decimals than
 * the token (it could not be sent exactly).
 */
export function baseUnits(amount: string, decimals: number): string | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m || (m[2] ?? "").length > decimals) return null;
  const digits = `${m[1]}${(m[2] ?? "").padEnd(decimals, "0")}`.replace(/^0+(?=\d)/, "");
  return digits;
}

export function paymentTargets(
  p: Pick<PaymentInstructions, "payCurrency" | "address" | "paymentRequest" | "amount">,
): PaymentTargets {
  if (p.paymentRequest) {
    return { qr: `lightning:${p.paymentRequest.toUpperCase()}`, walletLink: `lightning:${p.paymentRequest}` };
  }
  const address = p.address ?? "";
  const scheme = BIP21_SCHEMES[p.payCurrency];
  const token = ERC20[p.payCurrency];
  let uri: string | null = null;
  if (scheme) uri = `${scheme}:${address}?amount=${p.amount}`;
  else if (p.payCurrency === "ETH") {
    const wei = baseUnits(p.amount, 18);
    if (wei) uri = `ethereum:${address}@1?value=${wei}`;
  } else if (token) {
    const units = baseUnits(p.amount, token.decimals);
    if (units) uri = `ethereum:${token.contract}@1/transfer?address=${address}&uint256=${units}`;
  }
  return uri ? { qr: uri, walletLink: uri } : { qr: address, walletLink: null };
}
