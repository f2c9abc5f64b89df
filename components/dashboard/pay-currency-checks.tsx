// The pay currencies a customer may use, picked from the list Bitfinex offers, each named with its
// network in words (sending USDt on the wrong network loses it, so the network is never left implicit).
import { PAY_CURRENCIES } from "@/lib/currencies/pay-currencies";
import { ChoiceField } from "./field";

export function payCurrencyName(symbol: string): string {
  const c = PAY_CURRENCIES.get(symbol);
  if (!c) return symbol;
  return c.assetName === c.networkName ? c.assetName : `${c.assetName} on ${c.networkName}`;
}

export function PayCurrencyChecks({
  name,
  legend,
  selected,
  hint,
  className,
}: {
  name: string;
  legend: string;
  selected: readonly string[];
  hint?: string;
  className?: string;
}) {
  return (
    <ChoiceField legend={legend} name={name} hint={hint} className={className}>
      <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {[...PAY_CURRENCIES.keys()].map((symbol) => (
          <label key={symbol} className="flex items-center gap-2">
            <input
              type="checkbox"
              name={name}
              value={symbol}
              data-kind="set"
              defaultChecked={selected.includes(symbol)}
              className="size-4"
            />
            <span>
              {payCurrencyName(symbol)}{" "}
              <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{symbol}</span>
            </span>
          </label>
        ))}
      </div>
    </ChoiceField>
  );
}
