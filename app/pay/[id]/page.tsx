// The customer's payment page (order summary and status). The full interactive screen lives in
// components/checkout; this server page loads the checkout and hands it over.
import { notFound } from "next/navigation";
import { findCheckout } from "@/lib/checkouts/repository";
import { statusView } from "@/lib/checkouts/views";
import { isId } from "@/lib/ids";
import { getServices } from "@/lib/server/services";

export default async function PayPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id, "co")) notFound();
  const { deps } = await getServices();
  const row = await findCheckout(deps.db, id);
  if (!row) notFound();
  const status = statusView(row, deps.now());
  return (
    <main className="mx-auto max-w-md p-4">
      <section className="rounded-2xl bg-white p-6 shadow dark:bg-slate-800">
        <p className="text-sm text-slate-500 dark:text-slate-400">Order {row.orderId}</p>
        {row.description && <h1 className="text-lg font-semibold">{row.description}</h1>}
        <p className="mt-2 text-3xl font-bold" data-testid="amount">
          {status.amount} {status.currency}
        </p>
        <p className="mt-4" data-testid="state">
          Status: {status.state.replace("_", " ")}
        </p>
      </section>
    </main>
  );
}
