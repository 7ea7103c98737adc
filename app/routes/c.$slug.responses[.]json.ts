import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicConsultation } from "~/modules/consultations/consultations.server";
import { answerTranslations, listPublicResponses, responseJson } from "~/modules/responses/responses.server";
import { ResponseFilterSchema } from "~/modules/responses/schema";

const PAGE = 500;

/**
 * DESIGN.md contract "open data": `/c/<slug>/responses.json`, one row per answered input (schema in
 * docs/responses.schema.json), newest first, 500 a page; a `Link: rel="next"` header points to the next.
 * No author data. The public page's filters apply here too. Each row carries the shown translations of the
 * answer and of the input's words (issue #9), marked with how far to trust them.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const consultation = await getPublicConsultation(params.slug!);
  const url = new URL(request.url);
  const after = url.searchParams.get("after");
  const filter = ResponseFilterSchema.parse(Object.fromEntries(url.searchParams));
  if (after !== null && filter.after === undefined) return Response.json({ error: "after must be a cursor from a Link header" }, { status: 400 });
  const page = await listPublicResponses({ consultationId: consultation.id, filter, limit: PAGE });
  const headers = new Headers({ "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" });
  if (page.next) {
    const nextParams = new URLSearchParams({ ...Object.fromEntries(url.searchParams), after: page.next });
    headers.set("Link", `</c/${consultation.slug}/responses.json?${nextParams}>; rel="next"`);
  }
  const translated = await answerTranslations(page.items, 280);
  return new Response(JSON.stringify(page.items.map((r) => ({ ...responseJson(r), ...translated(r) }))), { headers });
}
