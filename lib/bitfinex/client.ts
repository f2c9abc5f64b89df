/**
 * The Bitfinex client: every operation the app uses, bound to one transport (one API key).
 * Nothing outside lib/bitfinex sees a wire shape; callers get domain types or a BitfinexError.
 */
import { listMovements } from "./account/movements";
import { createDepositAddress } from "./lightning/deposit-address";
import { createLightningInvoice } from "./lightning/deposit-invoice";
import { getLightningPayment, listLightningInvoices } from "./lightning/invoice-payments";
import { getFxRate, getPlatformStatus, getTicker } from "./market/public";
import { getTxMethodMap } from "./market/tx-methods";
import { getKeyPermissions } from "./account/permissions";
import { addConversion, listConversions, removeConversion } from "./pay/conversions";
import { listPayCurrencies } from "./pay/currencies";
import { listPayInvoiceEvents } from "./pay/events";
import { getDailyLimit, listCurrencyLimits, listPublicCurrencyLimits } from "./pay/limits";
import { markPayInvoiceRefunded, refundPayInvoice } from "./pay/refunds";
import { getMerchantSetting, listMerchantSettings, setMerchantSetting, setMerchantSettings } from "./pay/settings";
import { updatePayInvoice } from "./pay/update";
import {
  completePayInvoice,
  createPayInvoice,
  expirePayInvoice,
  getPayInvoice,
  listPayInvoices,
  listPayInvoicesPaginated,
} from "./pay/invoices";
import { BitfinexTransport, type TransportOptions } from "./transport";

type Rest<F> = F extends (t: BitfinexTransport, ...args: infer A) => infer R ? (...args: A) => R : never;
const bind =
  <F extends (t: BitfinexTransport, ...args: never[]) => unknown>(t: BitfinexTransport, f: F) =>
  (...args: Parameters<Rest<F>>) =>
    f(t, ...(args as never[])) as ReturnType<Rest<F>>;

export function createBitfinexClient(options: TransportOptions) {
  const t = new BitfinexTransport(options);
  return {
    transport: t,
    pay: {
      createInvoice: bind(t, createPayInvoice),
      getInvoice: bind(t, getPayInvoice),
      listInvoices: bind(t, listPayInvoices),
      listInvoicesPaginated: bind(t, listPayInvoicesPaginated),
      completeInvoice: bind(t, completePayInvoice),
      expireInvoice: bind(t, expirePayInvoice),
      listCurrencies: bind(t, listPayCurrencies),
      refundInvoice: bind(t, refundPayInvoice),
      markRefunded: bind(t, markPayInvoiceRefunded),
      updateInvoice: bind(t, updatePayInvoice),
      listInvoiceEvents: bind(t, listPayInvoiceEvents),
      getDailyLimit: bind(t, getDailyLimit),
      listCurrencyLimits: bind(t, listCurrencyLimits),
      listPublicCurrencyLimits: bind(t, listPublicCurrencyLimits),
      listConversions: bind(t, listConversions),
      addConversion: bind(t, addConversion),
      removeConversion: bind(t, removeConversion),
      getSetting: bind(t, getMerchantSetting),
      listSettings: bind(t, listMerchantSettings),
      setSetting: bind(t, setMerchantSetting),
      setSettings: bind(t, setMerchantSettings),
    },
    lightning: {
      createDepositAddress: bind(t, createDepositAddress),
      createInvoice: bind(t, createLightningInvoice),
      getPayment: bind(t, getLightningPayment),
      listInvoices: bind(t, listLightningInvoices),
    },
    account: { listMovements: bind(t, listMovements), getPermissions: bind(t, getKeyPermissions) },
    market: {
      getTicker: bind(t, getTicker),
      getFxRate: bind(t, getFxRate),
      getPlatformStatus: bind(t, getPlatformStatus),
      getTxMethodMap: bind(t, getTxMethodMap),
    },
  };
}

export type BitfinexClient = ReturnType<typeof createBitfinexClient>;
