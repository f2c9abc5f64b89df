"use client";
/**
 * The time left to pay, from the server's clock (not the device's, which may be wrong). The
 * visible clock ticks every second; the screen-reader text changes once a minute and in the last
 * minute, so it is announced politely without flooding. The first render (also the server's HTML)
 * uses the server's time, so the page shows the right time before any script runs.
 */
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { formatDuration } from "@/lib/i18n/format";

const SOON_MS = 3 * 60_000;

export function Countdown({
  expiresAt,
  serverTime,
  clockOffsetMs,
}: {
  expiresAt: string;
  serverTime: string;
  clockOffsetMs: number | null;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const [now, setNow] = useState<number | null>(null);
  // Until the first poll answers, the offset is what the page's own server time says.
  const [pageOffset] = useState(() => (typeof window === "undefined" ? 0 : Date.parse(serverTime) - Date.now()));
  const offset = clockOffsetMs ?? pageOffset;

  useEffect(() => {
    const tick = () => setNow(Date.now() + offset);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [offset]);

  const left = Date.parse(expiresAt) - (now ?? Date.parse(serverTime));
  const soon = left <= SOON_MS;
  const time = formatDuration(left, locale);
  const minutes = Math.ceil(left / 60_000);
  return (
    <div
      className={`flex items-center justify-between rounded-lg px-3 py-2 text-sm ${soon ? "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}
    >
      <span aria-hidden="true" data-testid="countdown">
        {soon ? t("expiringSoon", { time }) : t("expiresIn", { time })}
      </span>
      <span className="sr-only" role="timer" aria-live="polite" aria-atomic="true">
        {minutes > 1 ? t("minutesLeft", { minutes }) : t("oneMinuteLeft")}
      </span>
    </div>
  );
}
