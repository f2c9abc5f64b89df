/**
 * The point-of-sale keypad as pure string operations: what the entry becomes when a key is
 * pressed, and the amount it stands for. The entry is the digits as typed ("12.5"); it is never
 * parsed into a float, and keys that would break the currency's decimals or the amount ceiling
 * are ignored as they are pressed (a till does not let you type a fourth decimal), so what is
 * charged is always a valid amount. Unit-tested in keypad.test.ts; the terminal only renders it.
 */
import { MAX_FIAT_AMOUNT } from "../checkouts/validation";
import { Money } from "../money/decimal";

export type KeypadKey = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "." | "backspace" | "clear";

const DIGIT = /^[0-9]$/;

/** The key a keyboard key stands for on the keypad, or null (both "." and "," are the decimal point). */
export function keyFromKeyboard(key: string): KeypadKey | null {
  if (DIGIT.test(key)) return key as KeypadKey;
  if (key === "." || key === ",") return ".";
  if (key === "Backspace") return "backspace";
  if (key === "Escape" || key === "Delete") return "clear";
  return null;
}

/** The entry after `key`, for a currency with `decimals` decimals. Unchanged when the key does not apply. */
export function pressKey(entry: string, key: KeypadKey, decimals: number): string {
  if (key === "clear") return "";
  if (key === "backspace") return entry.slice(0, -1);
  const dot = entry.indexOf(".");
  if (key === ".") {
    if (decimals === 0 || dot !== -1) return entry;
    return entry === "" ? "0." : `${entry}.`;
  }
  if (dot !== -1 && entry.length - dot - 1 >= decimals) return entry; // no more decimals than the currency has
  const next = entry === "0" ? key : entry + key; // no leading zeros
  return new Money(next.endsWith(".") ? next.slice(0, -1) : next).gt(MAX_FIAT_AMOUNT) ? entry : next;
}

/** The amount the entry stands for, with exactly the currency's decimals ("12.5" → "12.50"); null when empty. */
export function amountOf(entry: string, decimals: number): string | null {
  const digits = entry.endsWith(".") ? entry.slice(0, -1) : entry;
  if (digits === "") return null;
  return new Money(digits).toFixed(decimals);
}

/** True when the entry is an amount above zero (what "Charge" needs). */
export function isChargeable(entry: string, decimals: number): boolean {
  const amount = amountOf(entry, decimals);
  return amount !== null && new Money(amount).gt(0);
}
