"use client";
// Keeps a checkout's dashboard page current while the customer pays: SWR polls the checkout's
// status (the same cheap, cached endpoint the payment page polls) and, when its ETag moves, the
// server re-renders the page (router.refresh), so state, timeline, payments and notifications
// all follow without a reload. Polling stops once nothing more can happen.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import useSWR from "swr";

interface Answer {
  etag: string | null;
  final: boolean;
}

async function fetchEtag(url: string): Promise<Answer> {
  const res = await fetch(url, { cache: "no-cache" });
  if (!res.ok) throw new Error(`status ${res.status}`);
  const body = (await res.json()) as { final: boolean };
  return { etag: res.headers.get("etag"), final: body.final };
}

/** `etag`: the status ETag of the row this page was rendered from. */
export function LiveCheckout({ id, etag, final }: { id: string; etag: string; final: boolean }) {
  const router = useRouter();
  const { data } = useSWR<Answer>(final ? null : `/api/checkouts/${id}/status`, fetchEtag, {
    // An expired checkout can still be paid late: watched, but slowly.
    refreshInterval: (latest) => (latest?.final ? 0 : 3_000),
    revalidateOnFocus: true,
    dedupingInterval: 1_000,
  });
  useEffect(() => {
    if (data?.etag && data.etag !== etag) router.refresh();
  }, [data?.etag, etag, router]);
  if (final) return null;
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400" data-testid="live">
      <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-emerald-500" />
      Updates live
    </span>
  );
}
