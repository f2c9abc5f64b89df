"use client";
/**
 * The customer's side of a refund claim: the amount in the coin they paid, an address on the
 * network they paid with (checked here with the app's own validators, and again on the server),
 * shown back for confirmation, then sent once. Every answer of the server is said in the
 * customer's language; a second tab or a replay is told the link was already used.
 */
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { isValidAddress, type ChainFormat } from "@/lib/chains/addresses";
import { payCurrency } from "@/lib/currencies/pay-currencies";
import type { MessageKey } from "@/lib/i18n/messages";
import type { PublicClaim } from "@/lib/refunds/claims";

const STATUS_TEXT: Partial<Record<PublicClaim["status"], MessageKey>> = {
  claimed: "claimWaiting",
  sending: "claimWaiting",
  sent: "claimSent",
  unknown: "claimWaiting",
  failed: "claimProblem",
  expired: "claimExpired",
  cancelled: "claimCancelled",
};
const CODE_TEXT: Record<string, MessageKey> = {
  claim_used: "claimUsed",
  nothing_to_refund: "claimNothingLeft",
  not_refundable: "claimNothingLeft",
};

export function ClaimForm({
  token,
  initial,
  merchantName,
  expires,
  testnetOk,
}: {
  token: string;
  initial: PublicClaim;
  merchantName: string;
  expires: string;
  testnetOk: boolean;
}) {
  const t = useTranslations();
  const [claim, setClaim] = useState(initial);
  const [address, setAddress] = useState("");
  const [memo, setMemo] = useState("");
  const [step, setStep] = useState<"enter" | "confirm">("enter");
  const [invalid, setInvalid] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const network = claim.network ?? claim.payCurrency;
  const format = payCurrency(claim.payCurrency)?.format as ChainFormat | undefined;

  const amount = (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("claimAmount")}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="claim-amount">
        {claim.amount} {claim.asset}
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{network}</p>
    </div>
  );

  if (claim.status !== "offered") {
    const addressShown = claim.address && claim.status !== "expired" && claim.status !== "cancelled";
    return (
      <section aria-labelledby="claim-heading" className="space-y-4">
        <h1 id="claim-heading" className="text-xl font-semibold">
          {t("claimTitle")}
        </h1>
        {amount}
        {addressShown && (
          <p
            className="rounded-lg bg-zinc-100 px-3 py-2 font-mono text-sm break-all dark:bg-zinc-800"
            data-testid="claim-address"
          >
            {claim.address}
          </p>
        )}
        <p
          role="status"
          data-testid="claim-status"
          data-status={claim.status}
          className="text-zinc-800 dark:text-zinc-200"
        >
          {t(problem ?? STATUS_TEXT[claim.status] ?? "claimWaiting")}
        </p>
      </section>
    );
  }

  const check = (e: FormEvent) => {
    e.preventDefault();
    const a = address.trim();
    const ok = !!format && isValidAddress(format, a, testnetOk ? {} : { testnet: false });
    setInvalid(!ok);
    if (ok) {
      setAddress(a);
      setStep("confirm");
    }
  };

  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch(`/api/refund-claims/${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ address, ...(memo.trim() && { paymentId: memo.trim() }) }),
      });
      const body = (await res.json().catch(() => null)) as
        | (PublicClaim & { problem?: string | null })
        | { error?: { code?: string; field?: string; reason?: string } }
        | null;
      if (res.ok && body && "status" in body) {
        setClaim(body);
        if (body.problem) setProblem("claimProblem");
        return;
      }
      const err = body && "error" in body ? body.error : undefined;
      if (err?.code === "invalid_field") {
        setInvalid(true);
        setStep("enter");
      } else if (err?.code === "claim_unavailable") {
        setClaim({ ...claim, status: err.reason === "cancelled" ? "cancelled" : "expired" });
      } else if (err?.code === "claim_used") {
        setClaim({ ...claim, status: "claimed", address: null });
        setProblem("claimUsed");
      } else {
        setProblem(CODE_TEXT[err?.code ?? ""] ?? "errorGeneric");
      }
    } catch {
      setProblem("errorGeneric");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="claim-heading" className="space-y-4">
      <h1 id="claim-heading" className="text-xl font-semibold">
        {t("claimTitle")}
      </h1>
      <p className="text-zinc-700 dark:text-zinc-300">{t("claimIntro", { merchant: merchantName })}</p>
      {amount}
      <p
        role="note"
        className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      >
        {t("claimNetworkWarning", { asset: claim.asset, network })}
      </p>
      {step === "enter" ? (
        <form onSubmit={check} noValidate className="space-y-3">
          <div>
            <label htmlFor="claim-address" className="block text-sm font-medium">
              {t("claimAddressLabel", { asset: claim.asset, network })}
            </label>
            <input
              id="claim-address"
              name="address"
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid}
              aria-describedby={invalid ? "claim-address-error" : undefined}
              className="mt-1 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
            {invalid && (
              <p id="claim-address-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
                {t("claimInvalidAddress", { network })}
              </p>
            )}
          </div>
          {claim.tagged && (
            <div>
              <label htmlFor="claim-memo" className="block text-sm font-medium">
                {t("claimMemoLabel")}
              </label>
              <input
                id="claim-memo"
                value={memo}
                onChange={(e) => setMemo(e.target.value)}
                className="mt-1 w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
            </div>
          )}
          <button
            type="submit"
            className="w-full rounded-lg bg-[var(--brand)] px-4 py-3 font-medium text-[var(--brand-text)]"
          >
            {t("claimContinue")}
          </button>
        </form>
      ) : (
        <div className="space-y-3">
          <h2 className="font-semibold">{t("claimConfirmTitle")}</h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">{t("claimConfirmText")}</p>
          <p
            className="rounded-lg bg-zinc-100 px-3 py-2 font-mono text-sm break-all dark:bg-zinc-800"
            data-testid="claim-confirm-address"
          >
            {address}
            {memo.trim() && ` · ${memo.trim()}`}
          </p>
          {problem && (
            <p
              role="alert"
              className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
            >
              {t(problem)}
            </p>
          )}
          <div className="flex gap-3">
            <button
              type="button"
              onClick={() => setStep("enter")}
              className="flex-1 rounded-lg border border-zinc-300 px-4 py-3 font-medium dark:border-zinc-700"
            >
              {t("claimBack")}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={send}
              className="flex-1 rounded-lg bg-[var(--brand)] px-4 py-3 font-medium text-[var(--brand-text)] disabled:opacity-60"
            >
              {t("claimSubmit")}
            </button>
          </div>
        </div>
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{t("claimExpires", { date: expires })}</p>
    </section>
  );
}
