import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { buildConsultationReport, EXCERPT, getReportConsultation, reportJson } from "~/modules/report/report.server";
import { answerTranslations } from "~/modules/responses/responses.server";

/**
 * Issue #8: `/c/<slug>/report.json`, the consultation report as open data (schema in
 * docs/report.schema.json), generated from the records on each request. Counts under 5 are null with
 * `"suppressed": true`; the response table stops at 1,000 rows and `responses.more` points to
 * responses.json for the rest. No author data.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const consultation = await getReportConsultation(params.slug!);
  const report = await buildConsultationReport(consultation.id);
  // Each answer row carries the shown translations of the answer and of the input's words (issue #9).
  const translated = await answerTranslations(report.responses.rows, EXCERPT);
  return new Response(JSON.stringify(reportJson(report, translated)), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
