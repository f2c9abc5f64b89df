// The amount form of a payment link where the customer chooses how much to pay.
import { notFound } from "next/navigation";
import { findPaymentLink, linkAmountProblem } from "@/lib/merchant/payment-links";
import { getServices } from "@/lib/server/services";
import { fiatString } from "@/lib/checkouts/amounts";

export default async function LinkAmountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const sp = await searchParams;
  const { deps } = await getServices();
  const link = await findPaymentLink(deps, id);
  if (!link || !link.active || link.amount) notFound();
  const given = typeof sp.amount === "string" ? sp.amount : null;
  const problem = given === null ? null : linkAmountProblem(link, given);
  const bound = (label: string, value: string | null) => (value ? `${label} ${fiatString(value, link.currency)} ${link.currency}` : null);
  const hint = [bound("at least", link.minAmount), bound("at most", link.maxAmount)].filter(Boolean).join(", ");
  return (
    <main className="mx-auto flex min-h-screen max-w-md items-center p-4">
      <form action={`/l/${link.id}`} method="get" className="w-full space-y-4 rounded-2xl bg-white p-6 shadow dark:bg-slate-800">
        {sp.embed === "1" && <input type="hidden" name="embed" value="1" />}
        <h1 className="text-xl font-semibold">{link.name}</h1>
        {link.description && <p className="text-slate-600 dark:text-slate-300">{link.description}</p>}
        <label className="block">
          <span className="font-medium">Amount ({link.currency})</span>
          <input
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            required
            defaultValue={given ?? ""}
            aria-invalid={problem ? true : undefined}
            aria-describedby="amount-help"
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-lg dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <p id="amount-help" className={problem ? "text-red-700 dark:text-red-400" : "text-sm text-slate-500 dark:text-slate-400"} role={problem ? "alert" : undefined}>
          {problem ? `The amount ${problem}.` : hint ? `Enter an amount, ${hint}.` : "Enter the amount you want to pay."}
        </p>
        <button type="submit" className="w-full rounded-lg bg-slate-900 px-4 py-3 font-semibold text-white dark:bg-white dark:text-slate-900">
          Continue to payment
        </button>
      </form>
    </main>
  );
}
