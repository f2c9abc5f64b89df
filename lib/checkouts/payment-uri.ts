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
import { Money } from "../money/decimal";
import type { PaymentInstructions } from "./views";

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

/** A decimal amount in base units (integer string), exact: 25.5 USDt → "25500000". */
const baseUnits = (amount: string, decimals: number) => new Money(amount).times(new Money(10).pow(decimals)).toFixed(0);

export function paymentTargets(p: Pick<PaymentInstructions, "payCurrency" | "address" | "paymentRequest" | "amount">): PaymentTargets {
  if (p.paymentRequest) {
    return { qr: `lightning:${p.paymentRequest.toUpperCase()}`, walletLink: `lightning:${p.paymentRequest}` };
  }
  const address = p.address ?? "";
  const scheme = BIP21_SCHEMES[p.payCurrency];
  const token = ERC20[p.payCurrency];
  let uri: string | null = null;
  if (scheme) uri = `${scheme}:${address}?amount=${p.amount}`;
  else if (p.payCurrency === "ETH") uri = `ethereum:${address}@1?value=${baseUnits(p.amount, 18)}`;
  else if (token) uri = `ethereum:${token.contract}@1/transfer?address=${address}&uint256=${baseUnits(p.amount, token.decimals)}`;
  return uri ? { qr: uri, walletLink: uri } : { qr: address, walletLink: null };
}
