/**
 * A QR code as inline SVG: one path, one run of dark modules per subpath, so a Lightning invoice's
 * code stays a few KB. Inline (not an <img>) so it is on screen in the same frame as the address
 * it encodes. Encoding by uqr (Nayuki's generator), on the server and in the browser alike.
 */
import { encode } from "uqr";
import { escapeText, trusted, type Html } from "./html";

export function qrSvg(text: string, attrs: { size: number; label: string; testId: string }): Html {
  const { data, size } = encode(text, { ecc: "M", border: 0 });
  let d = "";
  for (let y = 0; y < size; y++) {
    const row = data[y]!;
    for (let x = 0; x < size; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      d += `M${start} ${y}h${x - start}v1H${start}z`;
    }
  }
  const label = escapeText(attrs.label);
  return trusted(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${attrs.size}" height="${attrs.size}" shape-rendering="crispEdges" role="img" aria-label="${label}" data-testid="${escapeText(attrs.testId)}" data-qr="${escapeText(text)}"><path fill="#fff" d="M0 0h${size}v${size}H0z"/><path fill="#000" d="${d}"/></svg>`,
  );
}
