import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { exportRegister } from "~/modules/deployments/deployments.server";

const PAGE = 500;

/**
 * DESIGN.md contract "open data": the published deployments as a JSON array (schema in
 * docs/register.schema.json). In pages of 500 in slug order; a `Link: <…?after=slug>; rel="next"` header
 * points to the next one, so no request reads the whole register.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const url = new URL(request.url);
  const after = url.searchParams.get("after") ?? undefined;
  if (after !== undefined && !/^[a-z0-9][a-z0-9-]{0,79}$/.test(after)) return Response.json({ error: "after must be a deployment slug" }, { status: 400 });
  const rows = await exportRegister({ after, limit: PAGE });
  const headers = new Headers({
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "public, max-age=300",
    // Open data: any site may read it.
    "Access-Control-Allow-Origin": "*",
  });
  if (rows.length === PAGE) headers.set("Link", `</register.json?after=${rows[rows.length - 1].slug}>; rel="next"`);
  return new Response(JSON.stringify(rows), { headers });
}
