"use client";
// A URL to hand to customers: as text with a copy button, a QR code, and the snippets to put it
// on a site (a plain link, a button, and the overlay script).
import { QRCodeSVG } from "qrcode.react";
import { CopyButton } from "./copy-button";

export function ShareLink({ url, appUrl, label = "Pay with crypto" }: { url: string; appUrl: string; label?: string }) {
  const button = `<a href="${url}" style="display:inline-block;padding:10px 18px;border-radius:8px;background:#16b157;color:#fff;font-weight:600;text-decoration:none">${label}</a>`;
  const script = `<script src="${appUrl}/embed.js" async></script>\n<a href="${url}" data-bitfinex-checkout>${label}</a>`;
  return (
    <div className="flex flex-col gap-4 sm:flex-row">
      <div className="shrink-0 self-start rounded-lg bg-white p-2 ring-1 ring-zinc-200">
        <QRCodeSVG value={url} size={112} marginSize={0} role="img" aria-label={`QR code for ${url}`} />
      </div>
      <div className="min-w-0 flex-1 space-y-2 text-sm">
        {[
          ["Link", url],
          ["HTML button", button],
          ["Overlay on your site", script],
        ].map(([name, value]) => (
          <div key={name}>
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">{name}</span>
              <CopyButton value={value!} label={`Copy ${name!.toLowerCase()}`} />
            </div>
            <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all rounded-md bg-zinc-100 px-2 py-1 font-mono text-xs dark:bg-zinc-800">{value}</pre>
          </div>
        ))}
      </div>
    </div>
  );
}
