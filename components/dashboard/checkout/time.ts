/** A moment as the dashboard's checkout page shows it: "2026-01-31 12:00:00" (UTC), or "—". */
export const time = (d: Date | null | undefined) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");
