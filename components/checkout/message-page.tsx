// A customer-facing message (not found, link refused, …) in the payment page's look and language.
import { getLocale } from "next-intl/server";
import { direction } from "@/lib/i18n/locales";

export async function MessagePage({ title, body }: { title: string; body: string }) {
  const locale = await getLocale();
  return (
    <div
      lang={locale}
      dir={direction(locale)}
      className="grid min-h-screen place-items-center bg-zinc-50 px-4 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100"
    >
      <main className="w-full max-w-md rounded-2xl bg-white p-6 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
        <h1 className="text-xl font-semibold">{title}</h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">{body}</p>
      </main>
    </div>
  );
}
