import type { LoaderFunctionArgs } from "@remix-run/node";
import { assessmentCsv, getPublishedAssessment } from "~/modules/assessment/assessment.server";
import { requirePermission } from "~/modules/auth/guards.server";

/** The published assessment's impacts and the inputs behind them, as CSV for spreadsheets (?version=N). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const v = new URL(request.url).searchParams.get("version");
  const version = v === null ? undefined : Number(v);
  if (version !== undefined && !(Number.isInteger(version) && version > 0 && version < 100_000)) {
    return new Response("version must be a positive whole number\n", { status: 400 });
  }
  const pub = await getPublishedAssessment({ slug: params.slug!, version });
  return new Response(assessmentCsv(pub), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="assessment-${params.slug}-v${pub.content.version}.csv"`,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
