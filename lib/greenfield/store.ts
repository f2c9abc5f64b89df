/**
 * The one store and what it offers, as Greenfield answers `GET stores`, `GET stores/{s}`,
 * `GET stores/{s}/payment-methods`, `GET server/info` and `GET api-keys/current`.
 */
import type { MerchantPrincipal } from "../merchant/api-keys";
import { PAY_CURRENCIES } from "../currencies/pay-currencies";
import { storeNotFound } from "./errors";
import { permissionsOf, SERVER_VERSION, STORE_ID } from "./facts";

export function assertStore(storeId: string): void {
  if (storeId !== STORE_ID) throw storeNotFound();
}

export function storeView(name: string, defaultCurrency: string) {
  return {
    id: STORE_ID,
    name,
    website: null,
    defaultCurrency,
    invoiceExpiration: 900,
    monitoringExpiration: 3600,
    speedPolicy: "HighSpeed",
    lightningDescriptionTemplate: null,
    paymentTolerance: 0,
    archived: false,
    anyoneCanCreateInvoice: false,
    requiresRefundEmail: false,
    checkoutType: "V2",
    receipt: null,
    lightningAmountInSatoshi: false,
    lightningPrivateRouteHints: false,
    onChainWithLnInvoiceFallback: false,
    redirectAutomatically: true,
    showRecommendedFee: true,
    recommendedFeeBlockTarget: 1,
    defaultLang: "en",
    customLogo: null,
    customCSS: null,
    htmlTitle: null,
    networkFeeMode: "Never",
    payJoinEnabled: false,
    autoDetectLanguage: false,
    showPayInWalletButton: true,
    showStoreHeader: true,
    celebratePayment: true,
    playSoundOnPayment: false,
    lazyPaymentMethods: false,
    defaultPaymentMethod: null,
    paymentMethodCriteria: [],
  };
}

/**
 * Our pay currencies as store payment methods: the id is our pay-currency symbol (BTC, LNX,
 * UST-ETH, …), given both as `paymentMethodId` (BTCPay 2) and `paymentMethod` (what the
 * WooCommerce plugin reads); enabled when the merchant's default pay currencies include it.
 */
export function storePaymentMethods(enabled: readonly string[]) {
  return [...PAY_CURRENCIES.values()].map((c) => ({
    paymentMethodId: c.symbol,
    paymentMethod: c.symbol,
    cryptoCode: c.asset,
    enabled: enabled.includes(c.symbol),
    config: null,
    data: null,
  }));
}

export function serverInfo(now: number) {
  return {
    version: SERVER_VERSION,
    onion: null,
    supportedPaymentMethods: [...PAY_CURRENCIES.keys()],
    fullySynched: true,
    syncStatus: [],
    serverTime: Math.floor(now / 1000),
  };
}

/** BTCPay answers the key itself (the one the request carried), its label and its permissions. */
export function currentKeyView(principal: MerchantPrincipal, apiKey: string, label: string) {
  return { apiKey, label, permissions: permissionsOf(principal.scopes) };
}
