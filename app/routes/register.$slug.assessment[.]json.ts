import type { LoaderFunctionArgs } from "@remix-run/node";
import { assessmentJson, getPublishedAssessment } from "~/modules/assessment/assessment.server";
import { requirePermission } from "~/modules/auth/guards.server";

/**
 * DESIGN.md contract "open data": the latest published impact assessment of a deployment (schema in
 * docs/assessment.schema.json); ?version=N for an earlier one. 404 until one is published.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const v = new URL(request.url).searchParams.get("version");
  const version = v === null ? undefined : Number(v);
  if (version !== undefined && !(Number.isInteger(version) && version > 0 && version < 100_000)) {
    return Response.json({ error: "version must be a positive whole number" }, { status: 400 });
  }
  const pub = await getPublishedAssessment({ slug: params.slug!, version }).catch((e) => {
    if (e instanceof Response || (e && typeof e === "object" && "init" in e)) return null;
    throw e;
  });
  if (!pub) return Response.json({ error: "no published assessment" }, { status: 404, headers: { "Access-Control-Allow-Origin": "*" } });
  return new Response(JSON.stringify(assessmentJson(pub)), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
