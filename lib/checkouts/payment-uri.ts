/**
 * What goes in the QR code and the "Open in wallet" link for each way to pay:
 *  - Bitcoin on-chain: a BIP21 URI with the amount, so the wallet fills it in;
 *  - Lightning: "lightning:" + the BOLT11 in upper case (QR alphanumeric mode: a smaller code);
 *  - other chains: the bare address (there is no URI scheme every wallet reads), the amount
 *    shown beside it.
 */
import type { PaymentInstructions } from "./views";

const URI_SCHEMES: Record<string, string> = { BTC: "bitcoin", LTC: "litecoin", DOGE: "dogecoin" };

export interface PaymentTargets {
  /** Encoded in the QR code. */
  qr: string;
  /** For the "Open in wallet" link; null when no scheme is widely understood. */
  walletLink: string | null;
}

export function paymentTargets(p: Pick<PaymentInstructions, "payCurrency" | "address" | "paymentRequest" | "amount">): PaymentTargets {
  if (p.paymentRequest) {
    return { qr: `lightning:${p.paymentRequest.toUpperCase()}`, walletLink: `lightning:${p.paymentRequest}` };
  }
  const address = p.address ?? "";
  const scheme = URI_SCHEMES[p.payCurrency];
  if (scheme) {
    const uri = `${scheme}:${address}?amount=${p.amount}`;
    return { qr: uri, walletLink: uri };
  }
  return { qr: address, walletLink: null };
}
