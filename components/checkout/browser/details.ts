// The details form's behaviour in the browser: read it, and show errors beside their fields
// (aria-invalid, aria-describedby) without re-rendering it, so what the customer typed stays.
import { DETAIL_FIELDS, type DetailField } from "../details-form";

export function readDetails(form: HTMLFormElement): { values: Record<DetailField, string>; terms: boolean } {
  const data = new FormData(form);
  const values = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, String(data.get(f) ?? "")])) as Record<DetailField, string>;
  return { values, terms: data.get("terms") !== null };
}

/** Shows these errors (and clears the others); focuses the first one. */
export function showDetailErrors(form: HTMLFormElement, errors: Array<[string, string]>): void {
  const byField = new Map(errors);
  for (const f of [...DETAIL_FIELDS, "terms"]) {
    const control = form.querySelector<HTMLElement>(`#cf-${f}`);
    const message = form.querySelector<HTMLElement>(`#cf-${f}-error`);
    if (!control || !message) continue;
    const error = byField.get(f);
    message.textContent = error ?? "";
    if (error) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", message.id);
    } else {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
    }
  }
  const first = errors[0]?.[0];
  if (first) form.querySelector<HTMLElement>(`#cf-${first}`)?.focus();
}
