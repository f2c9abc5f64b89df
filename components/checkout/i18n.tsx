"use client";
// The customer's language, available to every part of the payment screen.
import { createContext, useContext } from "react";
import { translate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { MessageKey, Messages } from "@/lib/i18n/messages/en";

interface I18n {
  locale: Locale;
  messages: Messages;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, messages, children }: I18n & { children: React.ReactNode }) {
  return <I18nContext.Provider value={{ locale, messages }}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(value.messages, key, vars);
  return { ...value, t };
}
