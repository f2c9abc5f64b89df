"use client";
// Refunding a paid checkout: an in-page dialog (not the browser's confirm()) in two steps, what to send and
// then a review that names the amount, the currency, the network and the address before anything
// moves. One Idempotency-Key per opening of the dialog: a double click, a resend after a network
// error, or a second tab with the same dialog open cannot send the refund twice. Built on the
// dashboard's own parts: the modal and its buttons (confirm-dialog.tsx), the API call (api-request.ts).
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { FieldProblem } from "@/lib/errors/error-body";
import { newKey, passkeyProof, sendJson } from "./api-request";
import { DialogActions, Modal } from "./confirm-dialog";
import { CopyButton } from "./copy-button";
import { inputClass } from "./ui";

interface Props {
  checkoutId: string;
  orderId: string;
  /** Bitfinex's currency of the payment ("BTC", "UST") and the network in words ("Tron (TRC-20)"). */
  asset: string;
  network: string;
  /** What is left to refund and what was paid over the amount due (decimal strings; excess null when none). */
  available: string;
  excess: string | null;
  /** The network takes a tag / memo (TON). */
  takesMemo: boolean;
  /** Ask for a fresh code from the user's authenticator app (step-up, lib/auth/step-up.ts). */
  stepUp?: boolean;
  /** The user has a passkey: the step-up asks it first, the code is the fallback. */
  passkey?: boolean;
}

type Choice = "full" | "excess" | "partial";
type Problem = FieldProblem;

export function RefundDialog({
  checkoutId,
  orderId,
  asset,
  network,
  available,
  excess,
  takesMemo,
  stepUp = false,
  passkey = false,
}: Props) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [key, setKey] = useState("");
  const [step, setStep] = useState<"edit" | "review" | "link">("edit");
  // "address": send now to an address the merchant types; "claim": a link the customer claims it with.
  const [how, setHow] = useState<"address" | "claim">("address");
  const [link, setLink] = useState("");
  const [choice, setChoice] = useState<Choice>(excess ? "excess" : "full");
  const [part, setPart] = useState("");
  const [address, setAddress] = useState("");
  const [memo, setMemo] = useState("");
  const [otp, setOtp] = useState("");
  // With a passkey, the step-up uses it unless the user chose to type a code instead.
  const [useCode, setUseCode] = useState(!passkey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const amountText = choice === "full" ? available : choice === "excess" ? (excess ?? "") : part.trim();

  function open() {
    setKey(newKey());
    setStep("edit");
    setLink("");
    setOtp("");
    setUseCode(!passkey);
    setError(null);
    setProblems([]);
    dialog.current?.showModal();
  }

  function review(event: React.FormEvent) {
    event.preventDefault();
    const local: Problem[] = [];
    if (choice === "partial" && !/^\d+(\.\d+)?$/.test(part.trim()))
      local.push({ field: "amount", message: "enter an amount such as 0.0001" });
    if (how === "address" && address.trim() === "") local.push({ field: "address", message: "is required" });
    setProblems(local);
    setError(null);
    if (local.length === 0) setStep("review");
  }

  async function offerClaim() {
    setBusy(true);
    setError(null);
    const answer = await sendJson(`/api/dashboard/checkouts/${checkoutId}/refund-claims`, {
      body: { amount: choice === "partial" ? part.trim() : choice === "excess" ? excess : "full" },
    });
    setBusy(false);
    if (!answer.ok) {
      const fields = answer.problem?.errors ?? [];
      setError(answer.problem?.message ?? "The server could not be reached. Try again.");
      setProblems(fields);
      if (fields.length) setStep("edit");
      return;
    }
    setLink(answer.body.url);
    setStep("link");
    router.refresh();
  }

  async function send() {
    if (how === "claim") return offerClaim();
    setBusy(true);
    setError(null);
    const byPasskey = stepUp && passkey && !useCode;
    const proof = byPasskey ? await passkeyProof() : null;
    if (byPasskey && !proof) {
      setBusy(false);
      setError(
        "The passkey did not answer (the prompt was closed?). Try again, or use a code from your authenticator app.",
      );
      return;
    }
    const body = {
      amount: choice === "partial" ? part.trim() : choice,
      currency: asset,
      address: address.trim(),
      ...(takesMemo && memo.trim() && { paymentId: memo.trim() }),
      ...(stepUp && (byPasskey ? { passkey: proof } : { otp: otp.trim() })),
    };
    const answer = await sendJson(`/api/dashboard/checkouts/${checkoutId}/refunds`, { body, idempotencyKey: key });
    setBusy(false);
    if (!answer.ok) {
      const fields = answer.problem?.errors ?? [];
      setError(answer.problem?.message ?? "The server could not be reached. Nothing is sent twice: you may try again.");
      setProblems(fields);
      // A refused field goes back to the form (the code stays on review); an unknown outcome stays on review, to be read.
      if (fields.some((p) => p.field !== "otp" && p.field !== "passkey")) setStep("edit");
      setOtp("");
      router.refresh();
      return;
    }
    dialog.current?.close();
    router.refresh();
  }

  const fieldError = (field: string) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => (
        <span key={p.message} className="mt-1 block text-sm text-red-700 dark:text-red-400">
          {p.message}
        </span>
      ));

  return (
    <>
      <button
        type="button"
        onClick={open}
        className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-semibold dark:border-zinc-600"
      >
        Refund…
      </button>
      <Modal dialogRef={dialog} labelledBy="refund-title" wide>
        <div className="space-y-4">
          <h2 id="refund-title" className="text-lg font-semibold">
            Refund order {orderId}
          </h2>
          {step === "edit" ? (
            <form onSubmit={review} className="space-y-4" noValidate>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">
                  Amount, in {asset} on {network}
                </legend>
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" name="choice" checked={choice === "full"} onChange={() => setChoice("full")} />{" "}
                  Everything not yet refunded ({available} {asset})
                </label>
                {excess && (
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name="choice"
                      checked={choice === "excess"}
                      onChange={() => setChoice("excess")}
                    />{" "}
                    What was paid too much ({excess} {asset})
                  </label>
                )}
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="choice"
                    checked={choice === "partial"}
                    onChange={() => setChoice("partial")}
                  />{" "}
                  Part of it
                </label>
                {choice === "partial" && (
                  <label className="block text-sm">
                    Amount ({asset})
                    <input
                      name="amount"
                      inputMode="decimal"
                      autoComplete="off"
                      value={part}
                      onChange={(e) => setPart(e.target.value)}
                      className={inputClass}
                      aria-invalid={problems.some((p) => p.field === "amount")}
                    />
                  </label>
                )}
                {fieldError("amount")}
              </fieldset>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">How</legend>
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" name="how" checked={how === "address"} onChange={() => setHow("address")} /> Send
                  it now to an address
                </label>
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" name="how" checked={how === "claim"} onChange={() => setHow("claim")} /> Send the
                  customer a link to claim it (they give the address, you approve)
                </label>
              </fieldset>
              {how === "address" && (
                <label className="block text-sm">
                  The customer&apos;s {network} address
                  <input
                    name="address"
                    autoComplete="off"
                    spellCheck={false}
                    value={address}
                    onChange={(e) => setAddress(e.target.value)}
                    className={`${inputClass} font-mono`}
                    aria-invalid={problems.some((p) => p.field === "address")}
                  />
                  {fieldError("address")}
                </label>
              )}
              {how === "address" && takesMemo && (
                <label className="block text-sm">
                  Memo / tag (if the customer&apos;s wallet needs one)
                  <input
                    name="paymentId"
                    autoComplete="off"
                    value={memo}
                    onChange={(e) => setMemo(e.target.value)}
                    className={inputClass}
                  />
                  {fieldError("paymentId")}
                </label>
              )}
              {error && problems.length === 0 && (
                <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {error}
                </p>
              )}
              <DialogActions
                dismissLabel="Cancel"
                onDismiss={() => dialog.current?.close()}
                label="Review refund"
                submit
              />
            </form>
          ) : step === "link" ? (
            <div className="space-y-4">
              <p className="text-sm">
                Send this link to the customer. It works once, for a week; when they have given their address, approve
                the refund on this page.
              </p>
              <p
                className="rounded-md bg-zinc-100 p-2 font-mono text-sm break-all dark:bg-zinc-800"
                data-testid="claim-link"
              >
                {link}
              </p>
              <div className="flex flex-wrap items-center justify-end gap-2">
                <CopyButton value={link} label="Copy link" />
                <button
                  type="button"
                  onClick={() => dialog.current?.close()}
                  className="rounded-lg bg-zinc-900 px-3 py-1.5 text-sm font-semibold text-white dark:bg-white dark:text-zinc-900"
                >
                  Done
                </button>
              </div>
            </div>
          ) : how === "claim" ? (
            <div className="space-y-4">
              <p className="text-sm">
                Offer{" "}
                <strong className="font-mono">
                  {amountText} {asset}
                </strong>{" "}
                on {network} as a link the customer claims. Nothing is sent until you approve their address.
              </p>
              <ReviewFooter
                error={error}
                busy={busy}
                onBack={() => setStep("edit")}
                onConfirm={send}
                label={busy ? "Creating…" : "Create claim link"}
              />
            </div>
          ) : (
            <div className="space-y-4">
              <p className="text-sm">
                Send{" "}
                <strong className="font-mono">
                  {amountText} {asset}
                </strong>{" "}
                on {network} to
              </p>
              <p
                className="rounded-md bg-zinc-100 p-2 font-mono text-sm break-all dark:bg-zinc-800"
                data-testid="refund-address"
              >
                {address.trim()}
                {takesMemo && memo.trim() ? ` (memo ${memo.trim()})` : ""}
              </p>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Bitfinex sends it from your account. A refund cannot be taken back: check the address with the customer.
              </p>
              {stepUp && !useCode && (
                <div className="space-y-1 text-sm">
                  <p>Your passkey confirms this refund when you send it.</p>
                  <button type="button" onClick={() => setUseCode(true)} className="underline">
                    Use a code from your authenticator app instead
                  </button>
                </div>
              )}
              {stepUp && useCode && (
                <label className="block text-sm font-medium">
                  Code from your authenticator app
                  <input
                    name="otp"
                    value={otp}
                    onChange={(e) => setOtp(e.target.value)}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    className={`${inputClass} font-mono tracking-widest`}
                    aria-invalid={problems.some((p) => p.field === "otp")}
                  />
                  {fieldError("otp")}
                </label>
              )}
              {stepUp && useCode && passkey && (
                <button type="button" onClick={() => setUseCode(false)} className="text-sm underline">
                  Use your passkey instead
                </button>
              )}
              <ReviewFooter
                error={error}
                busy={busy}
                onBack={() => setStep("edit")}
                onConfirm={send}
                label={busy ? "Sending…" : `Send ${amountText} ${asset}`}
                tone="danger"
              />
            </div>
          )}
        </div>
      </Modal>
    </>
  );
}

/** The review step's last lines: what went wrong, then Back and the button that acts. */
function ReviewFooter(props: {
  error: string | null;
  busy: boolean;
  onBack: () => void;
  onConfirm: () => void;
  label: string;
  /** Red for money that leaves, neutral for a link that asks first. */
  tone?: "neutral" | "danger";
}) {
  return (
    <>
      {props.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {props.error}
        </p>
      )}
      <DialogActions
        dismissLabel="Back"
        onDismiss={props.onBack}
        label={props.label}
        onAct={props.onConfirm}
        tone={props.tone}
        busy={props.busy}
      />
    </>
  );
}
