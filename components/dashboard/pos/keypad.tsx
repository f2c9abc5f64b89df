"use client";
// The terminal's keypad: big touch targets in a 3×4 grid. The point key is disabled for
// currencies without decimals (JPY), so it cannot look like it did something.
import type { KeypadKey } from "@/lib/pos/keypad";

const KEYS: Array<[KeypadKey, string]> = [
  ["1", "1"],
  ["2", "2"],
  ["3", "3"],
  ["4", "4"],
  ["5", "5"],
  ["6", "6"],
  ["7", "7"],
  ["8", "8"],
  ["9", "9"],
  [".", "."],
  ["0", "0"],
  ["backspace", "⌫"],
];

const keyClass =
  "flex items-center justify-center rounded-xl bg-white text-2xl font-medium shadow-sm ring-1 ring-zinc-200 select-none touch-manipulation active:bg-zinc-200 disabled:opacity-30 sm:text-3xl dark:bg-zinc-800 dark:ring-zinc-700 dark:active:bg-zinc-700";

export function Keypad({ onKey, decimals }: { onKey: (key: KeypadKey) => void; decimals: number }) {
  return (
    <div className="grid h-full grid-cols-3 grid-rows-4 gap-2" role="group" aria-label="Keypad">
      {KEYS.map(([key, label]) => (
        <button
          key={key}
          type="button"
          data-pos-key
          className={keyClass}
          disabled={key === "." && decimals === 0}
          aria-label={key === "backspace" ? "Delete last digit" : key === "." ? "Decimal point" : undefined}
          onClick={() => onKey(key)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
