/**
 * The ways a customer can pay, behind one interface: each rail (Bitfinex Pay invoices, Lightning
 * deposit invoices) is one implementation, looked up by the name stored on its invoice rows, so a
 * third rail is one more implementation rather than a branch in every caller.
 *
 * A rail comes in two halves, because the views are below the engine: `RailView` (./views.ts) is
 * what the views, the outbox and the dashboard need to show an invoice (pure, no database or
 * Bitfinex); `Rail` (./index.ts) adds what the engine does with it: create, find an uncertain
 * create, observe, and the invoice management Bitfinex offers on some rails only (expire,
 * complete, events, refunds).
 */
import type { BitfinexError } from "../../bitfinex/errors";
import type { InvoiceEvent } from "../../bitfinex/pay/events";
import type { RefundInput, RefundReceipt } from "../../bitfinex/pay/refunds";
import type { CustomerInfo, PayAddress } from "../../bitfinex/types";
import type { PayCurrency } from "../../currencies/pay-currencies";
import type { CheckoutRow, InvoiceRow, Rail as RailName } from "../../db/schema";
import type { CheckoutDeps } from "../deps";
import type { Observation } from "../observation";
import type { InvoiceFill } from "../store/invoice-claims";

export type { RailName };

export interface PaymentInstructions {
  rail: RailName;
  payCurrency: string;
  assetName: string;
  networkName: string;
  /** Exact amount to send, in the pay currency's asset. */
  amount: string;
  asset: string;
  /** On-chain address, or null for Lightning. */
  address: string | null;
  /** BOLT11 for Lightning, else null. */
  paymentRequest: string | null;
  expiresAt: string | null;
}

export interface RailView {
  readonly name: RailName;
  /** How the dashboard names it. */
  readonly label: string;
  /** The pay currencies one invoice of this rail can take: every one the checkout offers, or only these. */
  readonly currencies: "all" | readonly string[];
  /** Whether Bitfinex sends its webhook for this rail's invoices (lib/reconciler/bitfinex-webhook.ts). */
  readonly hearsWebhooks: boolean;
  /**
   * Its invoices count against the customer's Bitfinex daily limit (Bitfinex Pay): past the limit
   * none is asked for. A rail without one (Lightning deposit invoices) stays offered past it.
   */
  readonly dailyLimited: boolean;
  /** The open invoice's entries in Bitfinex Pay's shape (what lib/bfx-pay answers as `invoices`). */
  entries(invoice: InvoiceRow): PayAddress[];
  /** The open invoice's on-chain entries (addresses to send coins to). */
  addresses(invoice: InvoiceRow): PayAddress[];
  /** What the invoice asks for in `payCurrency`; null when it has no entry for it. */
  amountDue(invoice: InvoiceRow, payCurrency: string): string | null;
  /** How to pay in `payCurrency` with this open invoice; null when it does not take it. */
  instructions(invoice: InvoiceRow, payCurrency: string, info: PayCurrency): PaymentInstructions | null;
  /** The rail's own fields in the merchant view of an invoice (lib/checkouts/merchant-view.ts). */
  merchantFields(invoice: InvoiceRow): Record<string, string | null>;
  /** One line of detail for the dashboard's invoice table ("" when there is nothing to add). */
  dashboardDetail(invoice: InvoiceRow): string;
  /** How a log line names the invoice ("Pay invoice 123"). */
  describe(invoice: InvoiceRow): string;
}

export interface Rail extends RailView {
  /** Bitfinex needs the customer's details before it makes this rail's invoice for this checkout. */
  needsCustomerInfo(checkout: CheckoutRow): boolean;
  /** Makes the upstream invoice (the claim is held by the caller): what to store on the claimed row. */
  create(deps: CheckoutDeps, checkout: CheckoutRow, customerInfo: CustomerInfo | null): Promise<InvoiceFill>;
  /**
   * After a create whose outcome is uncertain (a timeout): what it made, looked up at Bitfinex,
   * or null when it made nothing. Absent where the rail cannot look (Lightning: such an invoice
   * was never shown to anyone, so it cannot be paid).
   */
  findUncertain?(deps: CheckoutDeps, checkoutId: string): Promise<InvoiceFill | null>;
  /** Whether this error says the whole rail is off (the health monitor is told, another rail may take over); absent: never. */
  isRailDown?(e: unknown): e is BitfinexError;
  /**
   * Bitfinex refused to make this rail's invoice (a limit we could not check first, for one): its
   * words, for the checkout's timeline; null for any other error. Absent: never said.
   */
  refusal?(e: unknown): string | null;
  /** A check of what Bitfinex handed over before the customer sees it: a problem, or null. */
  checkEntry?(
    deps: CheckoutDeps,
    checkout: CheckoutRow,
    payCurrency: string,
    invoice: InvoiceRow,
  ): Promise<string | null>;
  /** Bitfinex is told that the customer accepted its terms (lib/checkouts/tos.ts). */
  readonly reportsTos: boolean;
  /**
   * Asks Bitfinex about an open invoice: what it says, or null when it does not know the invoice
   * (yet). `chosen` reads the checkout's pay currency (only where the rail needs it); `movements`: LNX deposit movements are read too.
   */
  observe(
    deps: CheckoutDeps,
    invoice: InvoiceRow,
    chosen: () => Promise<string | null>,
    opts: { movements?: boolean },
  ): Promise<Observation | null>;
  /** Asks Bitfinex to expire the invoice, where the rail can (so nobody can pay it after). */
  expire?(deps: CheckoutDeps, invoice: InvoiceRow): Promise<void>;
  /** Links a deposit Bitfinex did not match to the invoice, where the rail can. */
  complete?(
    deps: CheckoutDeps,
    invoice: InvoiceRow,
    input: { payCurrency: string; depositId?: number; ledgerId?: number },
  ): Promise<void>;
  /** Bitfinex's own record of the invoice, where the rail keeps one. */
  events?(deps: CheckoutDeps, invoice: InvoiceRow): Promise<InvoiceEvent[]>;
  /** Sends a refund of a checkout paid through this invoice, where the rail can (lib/refunds/request.ts). */
  refund?(deps: CheckoutDeps, invoice: InvoiceRow, input: Omit<RefundInput, "id">): Promise<RefundReceipt>;
  /** Tells Bitfinex of a refund that was sent (one whose answer was lost), where the rail can refund. */
  markRefunded?(deps: CheckoutDeps, invoice: InvoiceRow, refundId: string): Promise<void>;
}
