/**
 * The details Bitfinex requires for ECOMMERCE invoices, when the merchant did not send them, and
 * the browser's quick check of them (the server checks again). Nothing typed here is logged.
 */
export const DETAIL_FIELDS = [
  "fullName",
  "email",
  "nationality",
  "residCountry",
  "residState",
  "residCity",
  "residZipCode",
  "residStreet",
  "residBuildingNo",
] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];
export const OPTIONAL = new Set<DetailField>(["residState", "residBuildingNo"]);
export const MAX: Record<DetailField, number> = {
  fullName: 100,
  email: 254,
  nationality: 2,
  residCountry: 2,
  residState: 100,
  residCity: 100,
  residZipCode: 20,
  residStreet: 200,
  residBuildingNo: 20,
};
export const AUTOCOMPLETE: Partial<Record<DetailField, string>> = {
  fullName: "name",
  email: "email",
  residCountry: "country",
  residState: "address-level1",
  residCity: "address-level2",
  residZipCode: "postal-code",
  residStreet: "address-line1",
};

export type DetailProblem = "fieldRequired" | "fieldTooLong" | "fieldInvalidEmail" | "termsRequired" | "fieldInvalid";

/** Field (or "terms") → the message key of its problem, in form order; empty when all is well. */
export function validateDetails(
  values: Record<DetailField, string>,
  terms: boolean,
): Array<[DetailField | "terms", DetailProblem]> {
  const errors: Array<[DetailField | "terms", DetailProblem]> = [];
  for (const f of DETAIL_FIELDS) {
    const v = values[f].trim();
    if (!v && !OPTIONAL.has(f)) errors.push([f, "fieldRequired"]);
    else if (v.length > MAX[f]) errors.push([f, "fieldTooLong"]);
    else if (f === "email" && v && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) errors.push([f, "fieldInvalidEmail"]);
  }
  if (!terms) errors.push(["terms", "termsRequired"]);
  return errors;
}
