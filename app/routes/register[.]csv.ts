import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { exportRegister } from "~/modules/deployments/deployments.server";
import { registerCsv } from "~/modules/deployments/export";

/** The register as CSV for spreadsheets, paged like /register.json (?after=slug, Link header). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const after = new URL(request.url).searchParams.get("after") ?? undefined;
  if (after !== undefined && !/^[a-z0-9][a-z0-9-]{0,79}$/.test(after)) return new Response("after must be a deployment slug\n", { status: 400 });
  const rows = await exportRegister({ after, limit: 500 });
  const headers = new Headers({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="register.csv"',
    "Cache-Control": "public, max-age=300",
    "Access-Control-Allow-Origin": "*",
  });
  if (rows.length === 500) headers.set("Link", `</register.csv?after=${rows[rows.length - 1].slug}>; rel="next"`);
  return new Response(registerCsv(rows), { headers });
}
