// Small presentational pieces shared by the dashboard pages.
export function Card({ title, children, actions }: { title?: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section className="min-w-0 rounded-xl bg-white p-4 sm:p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      {(title || actions) && (
        <div className="mb-3 flex items-center justify-between gap-3">
          {title && <h2 className="font-semibold">{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Field({ label, hint, children }: { label: string; hint?: string; children: React.ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      {children}
      {hint && <span className="mt-1 block text-xs text-zinc-500 dark:text-zinc-400">{hint}</span>}
    </label>
  );
}

export const inputClass = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-600 dark:bg-zinc-950";

/** The fiat currency a price is in (the checkouts and payment links forms). */
export function CurrencySelect({ currencies, name = "currency", defaultValue = "USD" }: { currencies: readonly string[]; name?: string; defaultValue?: string }) {
  return (
    <select name={name} defaultValue={defaultValue} className={inputClass}>
      {currencies.map((c) => (
        <option key={c}>{c}</option>
      ))}
    </select>
  );
}

const STATE_TONE: Record<string, string> = {
  paid: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  paid_late: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  confirming: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  underpaid: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-200",
  awaiting_payment: "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  expired: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

export function StateBadge({ state }: { state: string }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STATE_TONE[state] ?? STATE_TONE.awaiting_payment}`}>{state.replace("_", " ")}</span>;
}

export function Table({ head, children, empty, label = "Table" }: { head: string[]; children: React.ReactNode; empty?: string; label?: string }) {
  // On a phone a wide table scrolls sideways inside its card; the region takes focus so keyboard
  // users can scroll it too.
  return (
    <div className="overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-zinc-500" tabIndex={0} role="region" aria-label={label}>
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-zinc-500 dark:text-zinc-400">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
      {empty && <p className="px-2 py-4 text-sm text-zinc-500 only:block [tbody:not(:empty)~&]:hidden">{empty}</p>}
    </div>
  );
}
