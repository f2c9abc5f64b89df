// A dashboard form's fields as the JSON an API route takes. Field names with dots ("a.b") become
// nested objects; `data-kind="list"` fields split on commas and new lines; `data-kind="set"`
// checkboxes of one name become an array of the checked values (empty when none is); `data-kind="number"`
// become numbers and `data-kind="minutes"` seconds (the dashboard asks for minutes, the API counts
// seconds); empty optional fields are left out (or sent as null with `data-empty="null"`).
// A value that is not a number is sent as typed, so the server names the field and says why.

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function numberOr(raw: string, scale: number): unknown {
  if (!/^\d+(\.\d+)?$/.test(raw)) return raw;
  return Math.round(Number(raw) * scale * 1000) / 1000;
}

export function formBody(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => {
    const path = name.split(".");
    let target = body;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = value;
  };
  const sets = new Map<string, string[]>();
  for (const el of Array.from(form.elements) as Control[]) {
    if (!el.name || el.disabled) continue;
    const kind = el.dataset.kind;
    if (el instanceof HTMLInputElement && kind === "set") {
      const list = sets.get(el.name) ?? [];
      if (el.checked) list.push(el.value);
      sets.set(el.name, list);
      continue;
    }
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
    const raw = el.value.trim();
    let value: unknown = raw;
    if (raw === "") {
      if (el.dataset.empty === "null") value = null;
      else if (kind === "list") value = [];
      else continue;
    } else if (kind === "list")
      value = raw
        .split(/[\n,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
    else if (kind === "number") value = numberOr(raw, 1);
    else if (kind === "minutes") value = numberOr(raw, 60);
    else if (el instanceof HTMLInputElement && el.type === "checkbox") value = true;
    put(el.name, value);
  }
  for (const [name, list] of sets) put(name, list);
  return body;
}
