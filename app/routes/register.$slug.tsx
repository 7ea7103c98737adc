import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { DossierDetail, DossierSummary, langOf } from "~/components/dossier-view";
import { OriginalNote, TranslationNote } from "~/components/translation-note";
import { dirOf } from "~/i18n";
import { formatDate, formatNumber } from "~/lib/format";
import { findAssessmentSummary } from "~/modules/assessment/assessment.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { listConsultationsOfDeployment } from "~/modules/consultations/consultations.server";
import { listAttachments } from "~/modules/deployments/attachments.server";
import { getPublishedDossier } from "~/modules/deployments/deployments.server";
import { translateDossier } from "~/modules/deployments/texts.server";

export const handle = { i18n: ["register", "dossier", "consultations", "assessment"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.dossier.deployment.name ?? "" }];

/** The public dossier of a deployment: the latest published version, or ?version=N. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const url = new URL(request.url);
  const asked = Number(url.searchParams.get("version"));
  const version = Number.isInteger(asked) && asked > 0 && asked < 100_000 ? asked : undefined;
  const dossier = await getPublishedDossier({ slug: params.slug!, version });
  // The latest version is shown in the reader's language where translated (#9); an older one as written.
  const showOriginal = url.searchParams.get("original") === "1";
  const wantsTranslation = !version && context.locale !== dossier.deployment.lang;
  const [consultations, attachments, assessment, translated] = await Promise.all([
    listConsultationsOfDeployment({ deploymentId: dossier.deployment.id }),
    listAttachments({ deploymentId: dossier.deployment.id }),
    findAssessmentSummary(dossier.deployment.id),
    wantsTranslation && !showOriginal ? translateDossier(dossier.content, dossier.deployment.id, context.locale) : null,
  ]);
  const documents = attachments.map((a) => ({ id: a.id, title: a.title, filename: a.filename, kb: formatNumber(Math.max(1, Math.round(a.size / 1024)), context.locale) }));
  return {
    dossier: translated ? { ...dossier, content: translated.value } : dossier,
    translation: translated?.translation ? { shown: translated.translation, paths: translated.translated } : null,
    showingOriginal: wantsTranslation && showOriginal,
    consultations,
    documents,
    publishedOn: formatDate(dossier.publishedAt, context.locale),
    assessment: assessment ? { ...assessment, publishedOn: formatDate(assessment.publishedAt, context.locale) } : null,
  };
}

export default function DossierPage() {
  const { dossier, translation, showingOriginal, consultations, documents, publishedOn, assessment } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { deployment: d, content, version } = dossier;
  const lang = langOf(d.lang, translation && { lang: translation.shown.lang, paths: translation.paths });
  return (
    <article className="dossier">
      <p className="eyebrow" lang={d.lang} dir={dirOf(d.lang)}>
        {d.organisationName}
      </p>
      <h1 lang={lang("identity.name")} dir={dirOf(lang("identity.name"))}>
        {content.identity.name}
      </h1>
      <TranslationNote translation={translation?.shown} originalLang={d.lang} originalHref={`/register/${d.slug}?original=1`} />
      {showingOriginal ? <OriginalNote href={`/register/${d.slug}`} /> : null}
      <p className="status-line">
        {t(`dossier:sector.${content.identity.sector}`)} · {t(`dossier:stage.${content.identity.lifecycleStage}`)} · <strong>{t(`dossier:status.${content.identity.status}`)}</strong>
        <br />
        {t("register:dossier.version", { version: String(version), date: publishedOn })}
        {" · "}<Link to={`/register/${d.slug}/versions`}>{t("register:dossier.history")}</Link>
      </p>
      {assessment ? (
        <section aria-labelledby="assessment-heading" className="panel">
          <h2 id="assessment-heading">{t("assessment:public.heading")}</h2>
          <p>
            <Link to={`/register/${d.slug}/assessment`}>{t("assessment:public.version", { version: String(assessment.version), date: assessment.publishedOn })}</Link>
            {" · "}
            <strong>{t(`assessment:conclusion.${assessment.conclusion}`)}</strong>
            {assessment.status === "under_review" ? <> · {t("assessment:status.under_review")}</> : null}
          </p>
        </section>
      ) : null}
      {consultations.length ? (
        <section aria-labelledby="consultations-heading" className="panel">
          <h2 id="consultations-heading">{t("register:dossier.consultations")}</h2>
          <ul>
            {consultations.map((c) => (
              <li key={c.slug}>
                <Link to={`/c/${c.slug}`} lang={c.lang}>
                  {c.title}
                </Link>{" "}
                ({t(`consultations:status.${c.status}`)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="grievances-heading" className="panel">
        <h2 id="grievances-heading">{t("register:dossier.grievances")}</h2>
        <p>
          <Link to={`/register/${d.slug}/grievances`}>{t("register:dossier.grievancesLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="plain-heading">
        <h2 id="plain-heading">{t("register:dossier.plain")}</h2>
        <div data-translation-status={translation?.shown.status}>
          <DossierSummary d={content} lang={lang} />
        </div>
      </section>
      <section aria-labelledby="technical-heading">
        <h2 id="technical-heading">{t("register:dossier.technical")}</h2>
        <div data-translation-status={translation?.shown.status}>
          <DossierDetail d={content} lang={lang} />
        </div>
      </section>
      {documents.length ? (
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">{t("dossier:attachments.heading")}</h2>
          <ul className="documents">
            {documents.map((a) => (
              <li key={a.id}>
                <a href={`/register/${d.slug}/files/${a.id}`} download>
                  {a.title}
                </a>{" "}
                ({a.filename}, {t("dossier:attachments.size", { size: a.kb })})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

export { ErrorBoundary } from "~/root";
