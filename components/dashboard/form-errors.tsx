"use client";
// The field errors of the form around a field, as sentences by field name (lib/dashboard/field-messages.ts),
// and the form's id so each error gets an id its field can point to (aria-describedby).
import { createContext, useContext, useEffect } from "react";

export interface FormErrors {
  formId: string;
  errors: ReadonlyMap<string, string>;
  /** A field says it shows the errors of `name` (the form lists the others itself). */
  register(name: string): void;
}

export const FormErrorsContext = createContext<FormErrors>({
  formId: "form",
  errors: new Map(),
  register: () => undefined,
});

/** The error of the field `name` (or of the first of several names one field shows, e.g. a min/max pair). */
export function useFieldError(name: string | readonly string[] | undefined): {
  error: string | null;
  errorId: string;
  hintId: string;
} {
  const { formId, errors, register } = useContext(FormErrorsContext);
  const names = name === undefined ? [] : typeof name === "string" ? [name] : name;
  const key = names.join(",");
  useEffect(() => {
    for (const n of key.split(",")) if (n) register(n);
  }, [key, register]);
  const base = `${formId}-${(names[0] ?? "field").replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const error = names.map((n) => errors.get(n)).find((e) => e !== undefined) ?? null;
  return { error, errorId: `${base}-error`, hintId: `${base}-hint` };
}
