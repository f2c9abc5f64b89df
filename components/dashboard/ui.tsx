// Small presentational pieces shared by the dashboard pages.
import { Children, cloneElement, isValidElement, type ReactElement } from "react";

export { ChoiceField, Field } from "./field";
export function Card({
  title,
  children,
  actions,
}: {
  title?: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <section className="min-w-0 rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-5 dark:bg-zinc-900 dark:ring-zinc-800">
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

export const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-600 dark:bg-zinc-950";

/** The fiat currency a price is in (the checkouts and payment links forms). */
export function CurrencySelect({
  currencies,
  name = "currency",
  defaultValue = "USD",
}: {
  currencies: readonly string[];
  name?: string;
  defaultValue?: string;
}) {
  return (
    <select name={name} defaultValue={defaultValue} className={inputClass}>
      {currencies.map((c) => (
        <option key={c}>{c}</option>
      ))}
    </select>
  );
}

// Each state its own colour; the two that need the merchant (paid late: the customer paid after
// the deadline; underpaid: money is missing) are loud and say so in words, not by colour alone.
const STATE_TONE: Record<string, string> = {
  paid: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  paid_late: "bg-orange-700 text-white ring-2 ring-orange-300 dark:bg-orange-500 dark:text-black",
  confirming: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  underpaid: "bg-red-700 text-white ring-2 ring-red-300 dark:bg-red-500 dark:text-black",
  awaiting_payment: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  expired: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};
export const NEEDS_ACTION = new Set(["paid_late", "underpaid", "failed"]);

export function StateBadge({ state }: { state: string }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STATE_TONE[state] ?? STATE_TONE.awaiting_payment}`}
      data-state={state}
    >
      {state.replace("_", " ")}
      {NEEDS_ACTION.has(state) && <span className="sr-only"> (needs your attention)</span>}
      {NEEDS_ACTION.has(state) && <span aria-hidden="true"> !</span>}
    </span>
  );
}

const EVENT_TONE: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  pending: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  retrying: "bg-amber-700 text-white ring-2 ring-amber-300 dark:bg-amber-500 dark:text-black",
  failed: "bg-red-700 text-white ring-2 ring-red-300 dark:bg-red-500 dark:text-black",
};

/**
 * A webhook event's delivery status. Failed (given up) and retrying after a refused attempt both
 * need the merchant: their endpoint is not taking the events.
 */
export function DeliveryBadge({ status, lastFailed = false }: { status: string; lastFailed?: boolean }) {
  const shown = status === "pending" && lastFailed ? "retrying" : status;
  const alarm = shown === "failed" || shown === "retrying";
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${EVENT_TONE[shown] ?? EVENT_TONE.pending}`}
      data-status={shown}
    >
      {shown}
      {alarm && <span className="sr-only"> (needs your attention)</span>}
      {alarm && <span aria-hidden="true"> !</span>}
    </span>
  );
}

// On a phone each row becomes a card: the header row is only for screen readers and every cell
// shows its column's name before its value (data-label, set here from `head`).
const CARD_ROW = "max-sm:block max-sm:py-2";
const CARD_CELL =
  "max-sm:flex max-sm:min-w-0 max-sm:gap-3 max-sm:px-0 max-sm:py-0.5 max-sm:whitespace-normal max-sm:[overflow-wrap:anywhere] max-sm:max-w-none max-sm:before:w-24 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:uppercase max-sm:before:text-zinc-500 max-sm:before:content-[attr(data-label)] dark:max-sm:before:text-zinc-400";

function asCards(rows: React.ReactNode, head: string[]): React.ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<{ className?: string; children?: React.ReactNode }>(row)) return row;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<{ className?: string }>(cell)) return cell;
      const label = head[column++] ?? "";
      // A column without a name (row actions) gets the whole width, not an empty label.
      const card = label ? CARD_CELL : "max-sm:block max-sm:px-0 max-sm:py-1";
      return cloneElement(cell as ReactElement<{ className?: string; "data-label"?: string }>, {
        ...(label && { "data-label": label }),
        className: `${cell.props.className ?? ""} ${card}`,
      });
    });
    return cloneElement(row, { className: `${row.props.className ?? ""} ${CARD_ROW}` }, cells);
  });
}

export function Table({
  head,
  children,
  empty,
  label = "Table",
}: {
  head: string[];
  children: React.ReactNode;
  empty?: string;
  label?: string;
}) {
  // Wider than a tablet's card, a table scrolls sideways inside it; the region takes focus so
  // keyboard users can scroll it too. On a phone, rows are cards (asCards) and nothing scrolls.
  return (
    <div
      className="overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-zinc-500"
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      <table className="w-full text-left text-sm max-sm:block">
        <thead className="text-xs text-zinc-500 uppercase max-sm:sr-only dark:text-zinc-400">
          <tr>
            {head.map((h, i) => (
              <th key={`${h}-${i}`} scope="col" className="px-2 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 max-sm:block dark:divide-zinc-800">{asCards(children, head)}</tbody>
      </table>
      {empty && <p className="px-2 py-4 text-sm text-zinc-500 only:block [tbody:not(:empty)~&]:hidden">{empty}</p>}
    </div>
  );
}
