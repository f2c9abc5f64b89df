"use client";
// One sale on the terminal, full screen for the customer: the payment page itself in a frame
// (/pay/{id}?embed=1: the same currency choice, QR, amounts and warnings as everywhere, in the
// customer's language; in embed mode it never redirects), watched through the public status poll.
// Once paid, a large tick replaces it; "New sale" (focused, so Enter works) goes back to the keypad.
import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { isSettled } from "@/lib/checkouts/state-machine";
import { formatFiat } from "@/lib/i18n/format";
import { useConfirm } from "../confirm-dialog";

export interface Sale {
  id: string;
  orderId: string;
  amount: string;
  currency: string;
  url: string;
}

interface Status {
  state: string;
  final: boolean;
}

const fetchStatus = async (url: string): Promise<Status> => {
  const res = await fetch(url, { cache: "no-cache" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  return (await res.json()) as Status;
};

export function SaleScreen({ sale, onNewSale }: { sale: Sale; onNewSale: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmDialog, ask] = useConfirm();
  // Every 2 s while the customer pays (what the payment page itself does); stops once final.
  const { data } = useSWR(`/api/checkouts/${sale.id}/status`, fetchStatus, {
    refreshInterval: (latest) => (latest?.final ? 0 : 2000),
  });
  const state = data?.state ?? "awaiting_payment";
  const paid = isSettled(state);

  async function cancel() {
    if (!(await ask("Cancel this sale? The customer can no longer pay it.", "Cancel sale", "danger", "Keep the sale")))
      return;
    setCancelling(true);
    const res = await fetch(`/api/dashboard/checkouts/${sale.id}/expire`, { method: "POST" }).catch(() => null);
    setCancelling(false);
    if (res?.ok) onNewSale();
    else
      setProblem(
        (await res?.json().catch(() => null))?.error?.message ?? "The server could not be reached. Please try again.",
      );
  }

  if (paid) return <PaidScreen sale={sale} onNewSale={onNewSale} />;
  return (
    <div className="fixed inset-0 z-50 flex flex-col bg-white dark:bg-zinc-950" data-testid="pos-sale">
      <div className="flex items-center gap-3 border-b border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
        <span className="font-semibold tabular-nums" data-testid="pos-sale-amount">
          {formatFiat(sale.amount, sale.currency, "en")}
        </span>
        <span className="hidden truncate text-zinc-500 sm:inline dark:text-zinc-400">{sale.orderId}</span>
        <span className="ml-auto" role="status">
          {state === "expired"
            ? "Expired"
            : state === "confirming"
              ? "Payment seen, confirming…"
              : state === "underpaid"
                ? "Part paid"
                : "Waiting for payment"}
        </span>
        {state === "expired" ? (
          <button
            type="button"
            onClick={onNewSale}
            className="rounded-md bg-zinc-900 px-3 py-1.5 font-medium text-white dark:bg-white dark:text-zinc-900"
          >
            New sale
          </button>
        ) : (
          <button
            type="button"
            onClick={cancel}
            disabled={cancelling}
            className="rounded-md px-3 py-1.5 font-medium text-zinc-700 ring-1 ring-zinc-300 dark:text-zinc-200 dark:ring-zinc-700"
          >
            Cancel sale
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className="bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {problem}
        </p>
      )}
      <iframe src={`${sale.url}?embed=1`} title="Payment for the customer" className="w-full flex-1 border-0" />
      {confirmDialog}
    </div>
  );
}

function PaidScreen({ sale, onNewSale }: { sale: Sale; onNewSale: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div
      className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-4 bg-emerald-700 p-6 text-white landscape:flex-row landscape:gap-10"
      data-testid="pos-paid"
    >
      <svg
        viewBox="0 0 24 24"
        aria-hidden="true"
        className="size-[min(45vw,45vh)] shrink-0 rounded-full bg-white/15 p-[6%]"
      >
        <path
          d="M5 12.5l4.5 4.5L19 7.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <div className="flex flex-col items-center gap-4 landscape:items-start">
        <h1 className="text-4xl font-bold sm:text-5xl" role="status">
          Paid
        </h1>
        <p className="text-2xl tabular-nums sm:text-3xl">{formatFiat(sale.amount, sale.currency, "en")}</p>
        <p className="text-sm">{sale.orderId}</p>
        <button
          ref={button}
          type="button"
          onClick={onNewSale}
          className="mt-2 rounded-xl bg-white px-8 py-4 text-xl font-semibold text-emerald-900 shadow focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-white"
        >
          New sale
        </button>
      </div>
    </div>
  );
}
