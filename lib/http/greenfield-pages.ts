/** The customer-facing Greenfield paths: `/i/{id}` → our payment page; `?view=modal` → its embed view. */
import "server-only";
import { isId } from "../ids";
import { getConfig } from "../env";

export function invoicePageRedirect(request: Request, id: string): Response {
  const { appUrl } = getConfig();
  if (!isId(id, "co")) return new Response("This invoice does not exist.", { status: 404 });
  const modal = new URL(request.url).searchParams.get("view") === "modal";
  return new Response(null, {
    status: 303,
    headers: { location: `${appUrl}/pay/${id}${modal ? "?embed=1&greenfield=1" : ""}`, "cache-control": "no-store" },
  });
}
