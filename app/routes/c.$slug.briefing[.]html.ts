import type { LoaderFunctionArgs } from "@remix-run/node";
import { readingLevels, type ReadingLevel } from "~/components/briefing";
import { briefingFileHtml } from "~/lib/briefing-file.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getBriefingPack } from "~/modules/consultations/briefing.server";
import { getPublicConsultation } from "~/modules/consultations/consultations.server";

/** The briefing and answer sheet as one downloadable HTML file (?level=plain|easy|full). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const consultation = await getPublicConsultation(params.slug!);
  const pack = await getBriefingPack({ consultationId: consultation.id, deploymentId: consultation.deploymentId });
  const url = new URL(request.url);
  const asked = url.searchParams.get("level");
  const level: ReadingLevel = (readingLevels as readonly string[]).includes(asked ?? "") ? (asked as ReadingLevel) : "full";
  const html = briefingFileHtml({ consultation, pack, level, locale: context.locale, address: `${url.origin}/c/${consultation.slug}` });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="briefing-${consultation.slug}-${context.locale}-${level}.html"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
