// GET /bfx/order/{id} — the plugin's "Redirect url" + invoice id: on to our payment page.
import { NextResponse } from "next/server";
import { isId } from "@/lib/ids";
import { getServices } from "@/lib/server/services";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { config } = await getServices();
  if (!isId(id, "co")) return new NextResponse("Not found", { status: 404 });
  return NextResponse.redirect(`${config.appUrl}/pay/${id}`, 303);
}
