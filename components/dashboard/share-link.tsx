"use client";
// A URL to hand to customers: as text with a copy button, a QR code, and the snippets to put it
// on a site (a plain link, a button in the brand colour with readable text, and the overlay script).
import { QRCodeSVG } from "qrcode.react";
import { snippets } from "@/lib/dashboard/snippets";
import { CopyButton } from "./copy-button";

export function ShareLink({
  url,
  appUrl,
  brandColor,
  label = "Pay with crypto",
}: {
  url: string;
  appUrl: string;
  brandColor: string;
  label?: string;
}) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row">
      <div className="shrink-0 self-start rounded-lg bg-white p-2 ring-1 ring-zinc-200">
        <QRCodeSVG value={url} size={112} marginSize={0} role="img" aria-label={`QR code for ${url}`} />
      </div>
      <div className="min-w-0 flex-1 space-y-2 text-sm">
        {snippets(url, appUrl, brandColor, label).map(({ name, value }) => (
          <div key={name}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">{name}</span>
              <CopyButton value={value} label={`Copy ${name.toLowerCase()}`} />
            </div>
            <pre className="mt-1 overflow-x-auto rounded-md bg-zinc-100 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap dark:bg-zinc-800">
              {value}
            </pre>
          </div>
        ))}
      </div>
    </div>
  );
}
