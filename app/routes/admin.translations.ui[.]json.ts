import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { exportLocale } from "~/modules/translations/ui-strings.server";

/**
 * Issue #9: `locales/<lang>/<ns>.json` with the accepted suggestions put in, as a download for an admin
 * to review and commit. The running site never reads suggestions; this file is how they ship.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:ui_strings", null);
  const url = new URL(request.url);
  const result = await exportLocale({ lang: url.searchParams.get("lang") ?? "", namespace: url.searchParams.get("ns") ?? "" });
  if (!result.ok) return Response.json({ error: result.error }, { status: result.status, headers: { "Cache-Control": "no-store" } });
  // The name is one of the fixed namespaces (checked above), so it is safe in the header as it is.
  const namespace = url.searchParams.get("ns")!;
  return new Response(`${JSON.stringify(result.file, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${namespace}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
