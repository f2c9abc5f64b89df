// The shapes the payment screen receives from the server (see lib/checkouts/public-view.ts).
import type { ApiProblem as ServerProblem } from "@/lib/errors/error-body";
import type { publicCheckoutView, publicStatus } from "@/lib/checkouts/public-view";

export type CheckoutView = ReturnType<typeof publicCheckoutView>;
export type CheckoutStatus = ReturnType<typeof publicStatus>;
export type PayOption = CheckoutView["options"][number];
export type Payment = NonNullable<CheckoutView["payment"]>;

/**
 * A refused call's problem: the server's error body (lib/errors/error-body.ts), or one the browser
 * names itself ("network": nothing came back; "unknown", "status": an answer without that body).
 */
export type ApiProblem = Omit<ServerProblem, "code"> & {
  code: ServerProblem["code"] | "network" | "unknown" | "status";
};

/** What the page knows about the merchant, for the header. */
export interface Merchant {
  name: string;
  logoUrl: string | null;
}
