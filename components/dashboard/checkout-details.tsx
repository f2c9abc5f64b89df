// The parts of a checkout the merchant (or their shop) supplied besides the price: metadata,
// where the customer is sent afterwards, the webhook override and the customer's details.
// All of it is merchant or customer text: React escapes it, and URLs are shown, not followed.
import type { CheckoutRow } from "@/lib/checkouts/repository";

const CUSTOMER_LABELS: Record<string, string> = {
  fullName: "Name",
  email: "Email",
  nationality: "Nationality",
  residCountry: "Country",
  residState: "State",
  residCity: "City",
  residZipCode: "Post code",
  residStreet: "Street",
  residBuildingNo: "Building",
};

function Pairs({ entries, testId, empty }: { entries: Array<[string, string]>; testId: string; empty: string }) {
  if (entries.length === 0) return <p className="text-sm text-zinc-500">{empty}</p>;
  return (
    <dl
      className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm [&>dd]:[overflow-wrap:anywhere]"
      data-testid={testId}
    >
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CheckoutDetails({
  row,
}: {
  row: Pick<CheckoutRow, "metadata" | "redirectUrl" | "webhookUrl" | "customerInfo">;
}) {
  const customer = Object.entries(row.customerInfo ?? {})
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
    .map(([k, v]): [string, string] => [CUSTOMER_LABELS[k] ?? k, v]);
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <div>
        <h3 className="mb-1 text-sm font-medium">After payment</h3>
        <Pairs
          testId="checkout-links"
          empty=""
          entries={[
            ["Redirect URL", row.redirectUrl ?? "none (the customer stays on the payment page)"],
            ["Webhook URL", row.webhookUrl ?? "the default from Settings"],
          ]}
        />
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Customer</h3>
        <Pairs
          testId="checkout-customer"
          entries={customer}
          empty="No customer details (only ECOMMERCE checkouts carry them)."
        />
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Metadata</h3>
        <Pairs testId="checkout-metadata" entries={Object.entries(row.metadata ?? {})} empty="No metadata." />
      </div>
    </div>
  );
}
