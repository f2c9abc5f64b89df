"use client";
// The time left to pay, from the server's clock (not the device's). The visible clock ticks every
// second; screen readers hear about it politely, once a minute and in the last minute.
import { useEffect, useState } from "react";
import { formatDuration, formatInteger } from "@/lib/i18n/format";
import { useI18n } from "./i18n";

const SOON_MS = 3 * 60_000;

export function Countdown({ expiresAt, clockOffsetMs }: { expiresAt: string; clockOffsetMs: number }) {
  const { t, locale } = useI18n();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now() + clockOffsetMs);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [clockOffsetMs]);
  if (now === null) return <p className="h-6" aria-hidden />;
  const left = Date.parse(expiresAt) - now;
  const soon = left <= SOON_MS;
  const minutes = Math.ceil(left / 60_000);
  const time = formatDuration(left, locale);
  return (
    <div className={`flex items-center justify-between rounded-lg px-3 py-2 text-sm ${soon ? "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}>
      <span aria-hidden="true" data-testid="countdown">
        {soon ? t("expiringSoon", { time }) : t("expiresIn", { time })}
      </span>
      {/* Changes once a minute (and at the last minute), so a screen reader is not flooded. */}
      <span className="sr-only" role="timer" aria-live="polite" aria-atomic="true">
        {minutes > 1 ? t("minutesLeft", { minutes: formatInteger(minutes, locale) }) : t("oneMinuteLeft")}
      </span>
    </div>
  );
}
