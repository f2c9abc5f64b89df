// A BTCPay plugin asks for an API key (/greenfield/api-keys/authorize): what it may do, in words; approve or cancel.
import Link from "next/link";
import { Card } from "@/components/dashboard/ui";
import { requireAdmin } from "@/lib/auth/session";
import { parseAuthorizeRequest } from "@/lib/greenfield/authorize";
import { getServices } from "@/lib/server/services";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function toQuery(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : v ? [v] : []) q.append(k, one);
  return q;
}

export default async function GreenfieldAuthorizePage({ searchParams }: Props) {
  const query = toQuery(await searchParams);
  await requireAdmin(`/dashboard/greenfield-authorize?${query.toString()}`);
  const { config } = await getServices();
  const req = parseAuthorizeRequest(query, config.mode);
  return (
    <>
      <h1 className="text-2xl font-semibold">Connect {req.applicationName}</h1>
      <Card>
        {req.redirect && (
          <p className="text-sm">
            <strong>{req.applicationName}</strong> at <strong>{new URL(req.redirect).host}</strong> asks for an API key
            for this checkout (it speaks BTCPay Server&apos;s API). With it, it may:
          </p>
        )}
        {req.granted.length > 0 && (
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
            {req.granted.map((g) => (
              <li key={g.permission}>{g.words}</li>
            ))}
          </ul>
        )}
        {req.unavailable.length > 0 && (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            Also asked for, but not offered here (the key will not have it): {req.unavailable.join(", ")}.
          </p>
        )}
        {!req.problem && (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            {req.granted.some((g) => g.permission === "btcpay.store.cancreatenonapprovedpullpayments")
              ? "It cannot send money on its own (a refund it offers goes out only when you approve it) or change your Bitfinex key."
              : "It cannot send money (no refunds) or change your Bitfinex key."}{" "}
            You can revoke it at any time under API keys.
          </p>
        )}
        {req.problem ? (
          <p
            role="alert"
            className="mt-4 rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
          >
            {req.problem}
          </p>
        ) : (
          <form method="post" action={`/greenfield/api-keys/authorize?${query.toString()}`} className="mt-4 flex gap-3">
            <button
              type="submit"
              className="rounded-lg bg-zinc-900 px-4 py-2 text-sm font-semibold text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900"
            >
              Approve and send the key
            </button>
            <Link href="/dashboard" className="rounded-lg px-4 py-2 text-sm font-semibold ring-1 ring-zinc-300">
              Cancel
            </Link>
          </form>
        )}
      </Card>
    </>
  );
}
