/**
 * The API's field errors ("amount: is required", "defaultPayCurrencies[0]: must be one of …") as
 * sentences a merchant reads beside the field: the field's name in words, durations in minutes
 * (the dashboard asks for minutes; the API counts seconds), and lists by their position.
 * Pure, so the dashboard's forms (client components) and unit tests share it.
 */
import type { FieldProblem } from "../errors/error-body";

export interface FieldMessage {
  /** The form field it belongs to: the API's field without an index ("payCurrencies"). */
  name: string;
  text: string;
}

const LABELS: Record<string, string> = {
  amount: "Amount",
  currency: "Currency",
  orderId: "Order id",
  description: "Description",
  redirectUrl: "Redirect URL",
  webhookUrl: "Webhook URL",
  payCurrencies: "Pay currencies offered",
  defaultPayCurrencies: "Pay currencies offered",
  duration: "Time to pay",
  defaultDurationSeconds: "Time to pay",
  name: "Name",
  minAmount: "Minimum amount",
  maxAmount: "Maximum amount",
  presetAmounts: "Preset amounts",
  url: "Webhook URL",
  embedOrigins: "Origins",
  merchantName: "Shop name",
  logoUrl: "Logo URL",
  brandColor: "Accent colour",
  exp: "Expiry",
  expiresInHours: "Valid for",
  depositId: "Bitfinex deposit id",
  payCurrency: "Currency paid",
};

const DURATIONS = new Set(["duration", "defaultDurationSeconds"]);

/** "300" or "300 seconds" -> "5 minutes" (whole or decimal minutes, as the form takes them). */
function inMinutes(message: string): string {
  return message
    .replace(/whole number of seconds/g, "number of minutes")
    .replace(/(at (?:least|most) )(\d+)( seconds)?/g, (_, lead: string, n: string) => {
      const minutes = Number(n) / 60;
      return `${lead}${minutes} minute${minutes === 1 ? "" : "s"}`;
    });
}

/** Field names written in messages ("must not be less than minAmount") in words too. */
function wordsForFields(message: string): string {
  return message.replace(/\b(minAmount|maxAmount|amount)\b/g, (f) => (LABELS[f] ?? f).toLowerCase());
}

export function fieldMessage(problem: FieldProblem): FieldMessage {
  const match = /^([A-Za-z-]+)(?:\[(\d+)\]|\.(\d+))?/.exec(problem.field);
  const name = match?.[1] ?? problem.field;
  const index = match?.[2] ?? match?.[3];
  const label = LABELS[name] ?? name;
  let message = problem.message;
  if (DURATIONS.has(name)) message = inMinutes(message);
  if (/^must be one of [A-Z]/.test(message) && /payCurrencies$/i.test(name)) message = "must be chosen from the list";
  message = wordsForFields(message);
  const subject =
    index === undefined
      ? label
      : name === "embedOrigins"
        ? `Line ${Number(index) + 1} of ${label.toLowerCase()}`
        : `${label}: item ${Number(index) + 1}`;
  const sentence = `${subject} ${message}`.replace(/\s+/g, " ").trim();
  return { name, text: /[.!?)]$/.test(sentence) ? sentence : `${sentence}.` };
}

/** One sentence per form field (the first problem of each), in the order the API gave them. */
export function fieldMessages(problems: FieldProblem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of problems) {
    const m = fieldMessage(p);
    if (!out.has(m.name)) out.set(m.name, m.text);
  }
  return out;
}
