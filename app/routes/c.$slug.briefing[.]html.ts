import type { LoaderFunctionArgs } from "@remix-run/node";
import { asResource } from "~/lib/resource.server";
import { parseReadingLevel } from "~/components/briefing";
import { briefingFileHtml } from "~/lib/briefing-file.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicBriefing, translateConsultation } from "~/modules/consultations/briefing.server";

/** The briefing and answer sheet as one downloadable HTML file (?level=plain|easy|full). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  return asResource(async () => {
    const url = new URL(request.url);
    const lang = url.searchParams.get("original") === "1" ? undefined : context.locale;
    const briefing = await getPublicBriefing(params.slug!, { lang });
    const { pack } = briefing;
    // A download has no page layout around it: the title and summary are translated here.
    const consultation = lang ? await translateConsultation(briefing.consultation, lang) : briefing.consultation;
    const level = parseReadingLevel(url.searchParams.get("level"), "full");
    const html = briefingFileHtml({ consultation, pack, level, locale: context.locale, address: `${url.origin}/c/${consultation.slug}` });
    return new Response(html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Disposition": `attachment; filename="briefing-${consultation.slug}-${context.locale}-${level}.html"`,
        "Cache-Control": "private, max-age=300",
      },
    });
  });
}
