import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { AnswerSheet, BriefingSections, parseReadingLevel, readingLevels } from "~/components/briefing";
import { TranslationNote } from "~/components/translation-note";
import { dirOf } from "~/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicBriefing } from "~/modules/consultations/briefing.server";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["consultations", "dossier", "inputs"] };

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/c.$slug")?.data as ConsultationLayoutData | undefined;
  return [{ title: layout?.consultation.title ?? "" }];
};

/**
 * The whole briefing at one reading level (full text by default) followed by the answer sheet: the
 * page facilitators print for a meeting without internet. The print stylesheet drops the site's chrome.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const url = new URL(request.url);
  const showOriginal = url.searchParams.get("original") === "1";
  const { consultation, pack } = await getPublicBriefing(params.slug!, { lang: showOriginal ? undefined : context.locale });
  const level = parseReadingLevel(url.searchParams.get("level"), "full");
  return { pack, level, address: `${url.origin}/c/${consultation.slug}` };
}

export default function BriefingPage() {
  const { pack, level, address } = useLoaderData<typeof loader>();
  // The title and summary in the reader's language come from the layout, translated there once.
  const { consultation: c } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const { t } = useTranslation();
  return (
    <article className="briefing briefing--print">
      <p className="eyebrow" lang={c.lang} dir={dirOf(c.lang)}>
        {c.organisationName}
      </p>
      <h1 lang={c.translation?.lang ?? c.lang} dir={dirOf(c.translation?.lang ?? c.lang)} data-translation-status={c.translation?.status}>
        {c.title}
      </h1>
      <TranslationNote translation={c.translation} originalLang={c.lang} originalHref={`/c/${c.slug}/briefing?level=${level}&original=1`} />
      <nav aria-label={t("consultations:briefing.level.label")} className="levels no-print">
        {readingLevels.map((l) => (
          <a key={l} href={`/c/${c.slug}/briefing?level=${l}`} aria-current={level === l ? "page" : undefined}>
            {t(`consultations:briefing.level.${l}`)}
          </a>
        ))}
      </nav>
      <p className="no-print">
        <Link to={`/c/${c.slug}`}>{t("consultations:join.back")}</Link> ·{" "}
        <a href={`/c/${c.slug}/briefing.html?level=${level}`} download>
          {t("consultations:briefing.download")}
        </a>
      </p>
      <BriefingSections pack={pack} level={level} lang={c.lang} headingLevel={2} />
      {pack.questions.length ? <AnswerSheet pack={pack} lang={c.lang} address={address} /> : null}
    </article>
  );
}

export { ErrorBoundary } from "~/root";
