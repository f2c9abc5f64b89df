// The checkout list's filter form (state, search, date range, page) as the list API's query.

/** The form's fields as the list API's query (dates from <input type="date"> become UTC days). */
export function listParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string).trim() : "");
  const params = new URLSearchParams();
  if (one("state")) params.set("state", one("state"));
  if (one("search")) params.set("search", one("search"));
  if (/^\d{4}-\d{2}-\d{2}$/.test(one("from"))) params.set("createdFrom", `${one("from")}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(one("to"))) params.set("createdTo", `${one("to")}T23:59:59.999Z`);
  if (one("cursor")) params.set("cursor", one("cursor"));
  params.set("limit", "25");
  return params;
}
