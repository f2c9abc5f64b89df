// The shapes the payment screen receives from the server (see lib/checkouts/public-view.ts).
import type { publicCheckoutView, publicStatus } from "@/lib/checkouts/public-view";

export type CheckoutView = ReturnType<typeof publicCheckoutView>;
export type CheckoutStatus = ReturnType<typeof publicStatus>;
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
