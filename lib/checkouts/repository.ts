/**
 * Reading and changing checkouts: the repositories in ./store/ (the only writers of `checkouts`
 * and `checkout_invoices`), gathered under the name the rest of the app has always imported.
 */
export * from "./store/checkouts";
export { findInvoices, findInvoiceOnRail, recordUpstreamStatus, type InvoiceRow } from "./store/invoices";
