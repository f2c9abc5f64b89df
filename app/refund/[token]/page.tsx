/**
 * /refund/{token}: a refund offered as a claim link (lib/refunds/claims.ts). The customer sees the
 * amount in the coin they paid, gives an address on the network they paid with (checked, shown
 * back for confirmation, under the payment page's wrong-network warning), once.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ClaimForm } from "@/components/refund/claim-form";
import { PayFrame } from "@/components/checkout/pay-frame";
import { ApiError } from "@/lib/errors/api-error";
import { brandingFor, textOn } from "@/lib/merchant/branding";
import { publicClaim } from "@/lib/refunds/claims";
import { getServices } from "@/lib/server/services";
import { readSettings } from "@/lib/settings/merchant-settings";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("claimTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function RefundClaimPage({ params }: Props) {
  const { token } = await params;
  const { deps, config } = await getServices();
  let claim;
  try {
    claim = await publicClaim(deps, token);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) notFound();
    throw e;
  }
  const brand = brandingFor(await readSettings(deps.db), process.env, config.mode);
  const expires = new Intl.DateTimeFormat(await getLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(claim.expiresAt));
  return (
    <PayFrame
      merchant={{ name: brand.name, logoUrl: brand.logoUrl }}
      brand={{ color: brand.color, text: textOn(brand.color) }}
    >
      <ClaimForm
        token={token}
        initial={claim}
        merchantName={brand.name}
        expires={`${expires} UTC`}
        testnetOk={config.mode !== "live"}
      />
    </PayFrame>
  );
}
