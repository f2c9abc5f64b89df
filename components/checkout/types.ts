// The shapes the payment screen receives from the server (see lib/checkouts/public-view.ts).
import type { publicCheckoutView } from "@/lib/checkouts/public-view";
import type { statusView } from "@/lib/checkouts/views";

export type CheckoutView = ReturnType<typeof publicCheckoutView>;
export type CheckoutStatus = ReturnType<typeof statusView>;
export type PayOption = CheckoutView["options"][number];
export type Payment = NonNullable<CheckoutView["payment"]>;

export interface ApiProblem {
  code: string;
  message: string;
  field?: string;
  errors?: Array<{ field: string; message: string }>;
  retryAfterSeconds?: number;
  available?: string[];
}

/** What the page knows about the merchant, for the header. */
export interface Merchant {
  name: string;
  logoUrl: string | null;
}
