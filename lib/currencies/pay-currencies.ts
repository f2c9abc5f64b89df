/**
 * The pay currencies Bitfinex offers, with what a customer needs to know about each: the asset,
 * the network in words, and how many decimals its amounts carry. One table, used by the sandbox
 * (to make invoices), the checkout engine (to validate) and the payment page (to label).
 * Symbols from the official WooCommerce plugin 3.2.1 (../shared/bitfinex-api.md §4).
 */
import type { ChainFormat } from "../chains/addresses";

export interface PayCurrency {
  /** Bitfinex Pay symbol, as in `payCurrencies`. */
  symbol: string;
  /** Bitfinex currency of the amount (`payCurrency` in an invoice entry). */
  asset: string;
  /** Bitfinex pool / chain (`poolCurrency`). */
  pool: string;
  assetName: string;
  networkName: string;
  /** Address format, or "lightning" for BOLT11 invoices. */
  format: ChainFormat | "lightning";
  decimals: number;
  /** Sending the asset on another network loses it: the page warns when true. */
  networkMatters: boolean;
  /** Confirmations the sandbox waits for before completing (Bitfinex's own numbers are not published). */
  confirmations: number;
}

const entries: PayCurrency[] = [
  {
    symbol: "BTC",
    asset: "BTC",
    pool: "BTC",
    assetName: "Bitcoin",
    networkName: "Bitcoin",
    format: "btc",
    decimals: 8,
    networkMatters: false,
    confirmations: 2,
  },
  {
    symbol: "LNX",
    asset: "BTC",
    pool: "LNX",
    assetName: "Bitcoin",
    networkName: "Lightning",
    format: "lightning",
    decimals: 8,
    networkMatters: false,
    confirmations: 0,
  },
  {
    symbol: "LBT",
    asset: "BTC",
    pool: "LBT",
    assetName: "Bitcoin",
    networkName: "Liquid",
    format: "liquid",
    decimals: 8,
    networkMatters: true,
    confirmations: 2,
  },
  {
    symbol: "ETH",
    asset: "ETH",
    pool: "ETH",
    assetName: "Ether",
    networkName: "Ethereum",
    format: "eth",
    decimals: 8,
    networkMatters: true,
    confirmations: 12,
  },
  {
    symbol: "UST-ETH",
    asset: "UST",
    pool: "ETH",
    assetName: "USDt",
    networkName: "Ethereum (ERC-20)",
    format: "eth",
    decimals: 6,
    networkMatters: true,
    confirmations: 12,
  },
  {
    symbol: "UST-TRX",
    asset: "UST",
    pool: "TRX",
    assetName: "USDt",
    networkName: "Tron (TRC-20)",
    format: "tron",
    decimals: 6,
    networkMatters: true,
    confirmations: 20,
  },
  {
    symbol: "UST-PLY",
    asset: "UST",
    pool: "PLY",
    assetName: "USDt",
    networkName: "Polygon",
    format: "eth",
    decimals: 6,
    networkMatters: true,
    confirmations: 64,
  },
  {
    symbol: "UST-TON",
    asset: "UST",
    pool: "TON",
    assetName: "USDt",
    networkName: "TON",
    format: "ton",
    decimals: 6,
    networkMatters: true,
    confirmations: 1,
  },
  {
    symbol: "UST-LBT",
    asset: "UST",
    pool: "LBT",
    assetName: "USDt",
    networkName: "Liquid",
    format: "liquid",
    decimals: 6,
    networkMatters: true,
    confirmations: 2,
  },
  {
    symbol: "EUT-ETH",
    asset: "EUT",
    pool: "ETH",
    assetName: "EURt",
    networkName: "Ethereum (ERC-20)",
    format: "eth",
    decimals: 6,
    networkMatters: true,
    confirmations: 12,
  },
  {
    symbol: "LTC",
    asset: "LTC",
    pool: "LTC",
    assetName: "Litecoin",
    networkName: "Litecoin",
    format: "ltc",
    decimals: 8,
    networkMatters: false,
    confirmations: 6,
  },
  {
    symbol: "DOGE",
    asset: "DOGE",
    pool: "DOGE",
    assetName: "Dogecoin",
    networkName: "Dogecoin",
    format: "doge",
    decimals: 8,
    networkMatters: false,
    confirmations: 6,
  },
  {
    symbol: "AVAX",
    asset: "AVAX",
    pool: "AVAX",
    assetName: "Avalanche",
    networkName: "Avalanche C-Chain",
    format: "eth",
    decimals: 8,
    networkMatters: true,
    confirmations: 1,
  },
];

export const PAY_CURRENCIES: ReadonlyMap<string, PayCurrency> = new Map(entries.map((c) => [c.symbol, c]));

export function payCurrency(symbol: string): PayCurrency | undefined {
  return PAY_CURRENCIES.get(symbol);
}

/** Fiat currencies Bitfinex Pay invoices accept (plugin 3.1.0), with their minor-unit precision. */
export const FIAT_CURRENCIES: ReadonlyMap<string, number> = new Map([
  ["USD", 2],
  ["EUR", 2],
  ["GBP", 2],
  ["CHF", 2],
  ["CNY", 2],
  ["JPY", 0],
  ["KRW", 0],
  ["INR", 2],
  ["HKD", 2],
  ["AUD", 2],
  ["TWD", 2],
  ["BRL", 2],
  ["RUB", 2],
  ["IDR", 2],
  ["MXN", 2],
  ["PEN", 2],
  ["UYU", 2],
  ["VES", 2],
  ["COP", 2],
  ["ARS", 2],
  ["AED", 2],
  ["HNL", 2],
  ["GTQ", 2],
]);
