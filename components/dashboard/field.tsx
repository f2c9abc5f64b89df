"use client";
// A labelled form field. Given the `name` the API reports errors under, it shows that error as a
// sentence right below the field and marks the controls inside (aria-invalid, aria-describedby
// pointing at the error and the hint), so a screen reader reads the reason with the field.
import { useEffect, useRef } from "react";
import { useFieldError } from "./form-errors";

function markControls(root: HTMLElement | null, error: string | null, describedBy: string) {
  for (const el of Array.from(root?.querySelectorAll<HTMLElement>("input, select, textarea") ?? [])) {
    if (error) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
    if (describedBy) el.setAttribute("aria-describedby", describedBy);
    else el.removeAttribute("aria-describedby");
  }
}

export function Field({
  label,
  hint,
  name,
  children,
  className,
}: {
  label: string;
  hint?: string;
  name?: string | readonly string[];
  children: React.ReactNode;
  className?: string;
}) {
  const { error, errorId, hintId } = useFieldError(name);
  const ref = useRef<HTMLDivElement>(null);
  const describedBy = [error && errorId, hint && hintId].filter(Boolean).join(" ");
  useEffect(() => markControls(ref.current, error, describedBy), [error, describedBy]);
  return (
    <div ref={ref} className={`text-sm ${className ?? ""}`}>
      <label className="block">
        <span className="font-medium">{label}</span>
        {children}
      </label>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes or radios under one legend, with its error and hint like Field. */
export function ChoiceField({
  legend,
  hint,
  name,
  children,
  className,
}: {
  legend: string;
  hint?: string;
  name: string;
  children: React.ReactNode;
  className?: string;
}) {
  const { error, errorId, hintId } = useFieldError(name);
  const ref = useRef<HTMLFieldSetElement>(null);
  const describedBy = [error && errorId, hint && hintId].filter(Boolean).join(" ");
  useEffect(() => markControls(ref.current, error, describedBy), [error, describedBy]);
  return (
    <fieldset ref={ref} className={`text-sm ${className ?? ""}`} aria-describedby={describedBy || undefined}>
      <legend className="font-medium">{legend}</legend>
      {children}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
