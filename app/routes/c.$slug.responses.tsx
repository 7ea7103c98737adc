import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { FilterSelect } from "~/components/filter-select";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatDate, formatNumber } from "~/lib/format";
import { listQuestionCodes } from "~/modules/consultations/briefing.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicConsultation } from "~/modules/consultations/consultations.server";
import { concernTags } from "~/modules/inputs/constants";
import { listOwnInputIds } from "~/modules/responses/contests.server";
import { getCoverage, listPublicResponses } from "~/modules/responses/responses.server";
import { responseDecisions } from "~/modules/responses/constants";
import { ResponseFilterSchema } from "~/modules/responses/schema";
import { applyTranslation, findTranslations } from "~/modules/translations/translations.server";
import { OriginalDetails } from "~/components/original-details";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["responses", "inputs", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * "You said, we did" (DESIGN.md pages: /c/<slug>/responses): every answered input with its decision, the
 * reason and the impacts it changed in the assessment, 50 at a time, filtered by a plain GET form.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const consultation = await getPublicConsultation(params.slug!);
  const url = new URL(request.url);
  const filter = ResponseFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [page, coverage, questions] = await Promise.all([
    listPublicResponses({ consultationId: consultation.id, filter }),
    getCoverage(consultation.id),
    listQuestionCodes(consultation.id),
  ]);
  // The viewer's own inputs on this page (or their group's): those answers they may contest, once.
  // Issue #9: answers in the reader's language where translated, marked, the original one click away.
  const translations = await findTranslations({ entity: "response", ids: page.items.filter((r) => r.lang !== context.locale).map((r) => r.responseId), lang: context.locale });
  const own = context.user ? new Set(await listOwnInputIds({ userId: context.user.id, inputIds: page.items.map((r) => r.inputId) })) : new Set<string>();
  const next = page.next ? `?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), after: page.next })}` : null;
  const t = tFor(context.locale, "responses");
  return {
    items: page.items.map((r) => ({
      ...r,
      ...translatedReason(r, translations.get(r.responseId), context.locale),
      respondedOn: formatDate(r.respondedAt, context.locale),
      contestedOn: r.contestedAt ? formatDate(r.contestedAt, context.locale) : null,
      canContest: own.has(r.inputId) && !r.contestedAt,
    })),
    next,
    filter,
    questions,
    coverage: { ...coverage, text: t("responses:coverage", { answered: formatNumber(coverage.answered, context.locale), total: formatNumber(coverage.total, context.locale), count: coverage.total }) },
    deploymentSlug: consultation.deploymentSlug,
    title: t("responses:public.title", { title: consultation.title }),
  };
}

/** An answer's reason in the reader's language where a translation is shown, with the original kept. */
function translatedReason(r: { reason: string }, rows: Parameters<typeof applyTranslation>[2], lang: string) {
  const { value, translation } = applyTranslation({ reason: r.reason }, ["reason"], rows, lang);
  return { reason: value.reason, translation, originalReason: translation ? r.reason : null };
}

export default function Responses() {
  const { items, next, filter, questions, coverage, deploymentSlug } = useLoaderData<typeof loader>();
  const { consultation: c } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const { t } = useTranslation();
  return (
    <>
      <p className="eyebrow">
        <Link to={`/c/${c.slug}`}>{c.title}</Link>
      </p>
      <h1>{t("responses:public.heading")}</h1>
      <p>{t("responses:public.intro")}</p>
      <p>
        <meter min={0} max={Math.max(1, coverage.total)} value={coverage.answered} aria-label={coverage.text} /> {coverage.text}
      </p>
      <p>
        <Link to={`/c/${c.slug}/report`}>{t("responses:report.link")}</Link>
      </p>
      <form method="get" className="filters">
        <FilterSelect any={t("responses:public.any")} name="decision" label={t("responses:public.decision")} value={filter.decision} options={responseDecisions.map((d) => ({ value: d, label: t(`responses:decision.${d}`) }))} />
        {questions.length ? (
          <FilterSelect any={t("responses:public.any")} name="question" label={t("responses:public.question")} value={filter.question} options={questions.map((q) => ({ value: `question:${q.code}`, label: `${q.code}: ${q.prompt.slice(0, 60)}` }))} />
        ) : null}
        <FilterSelect any={t("responses:public.any")} name="concern" label={t("responses:public.concern")} value={filter.concern} options={concernTags.map((x) => ({ value: x, label: t(`inputs:concern.${x}`) }))} />
        <div className="field field--inline">
          <label className="field__label" htmlFor="lang">
            {t("responses:public.lang")}
          </label>
          <input id="lang" name="lang" type="text" size={4} maxLength={3} pattern="[a-z]{2,3}" defaultValue={filter.lang ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("responses:public.filter")}
        </button>
      </form>
      {items.length === 0 ? <p>{t("responses:public.empty")}</p> : null}
      <ol className="responses">
        {items.map((r) => (
          <li key={r.inputId} id={`response-${r.inputId}`} className="response">
            <blockquote className="quote" lang={r.inputLang} dir={dirOf(r.inputLang)}>
              {r.summary}
            </blockquote>
            <p>
              <Link to={`/c/${c.slug}#input-${r.inputId}`}>{t("responses:public.readInput")}</Link>
            </p>
            <p>
              <strong className={`decision decision--${r.decision}`}>{t(`responses:decision.${r.decision}`)}</strong> · {r.respondedOn}
              {r.together ? <> · {t("responses:public.together", { count: r.together })}</> : null}
            </p>
            {r.translation && r.originalReason ? (
              <>
                <p lang={r.translation.lang} dir={dirOf(r.translation.lang)}>
                  {r.reason}
                </p>
                <OriginalDetails translation={r.translation} originalLang={r.lang}>
                  <p lang={r.lang} dir={dirOf(r.lang)}>
                    {r.originalReason}
                  </p>
                </OriginalDetails>
              </>
            ) : (
              <p lang={r.lang} dir={dirOf(r.lang)}>
                {r.reason}
              </p>
            )}
            {r.contestedOn ? (
              <p className="contest">
                {t("responses:contest.contestedOn", { date: r.contestedOn })}{" "}
                {r.contestOutcome ? (
                  <>
                    <strong>{t(`responses:contest.outcome.${r.contestOutcome}`)}</strong> <span lang={r.lang}>{r.contestOutcomeReason}</span>
                  </>
                ) : (
                  t("responses:contest.pending")
                )}
              </p>
            ) : null}
            {r.canContest ? (
              <p>
                <Link to={`/c/${c.slug}/responses/${r.inputId}/contest`}>{t("responses:contest.link")}</Link>
              </p>
            ) : null}
            {r.impacts.length ? (
              <p>
                {t("responses:public.changed")}{" "}
                {r.impacts.map((m, n) => (
                  <span key={m.id}>
                    {n ? ", " : ""}
                    <Link to={`/register/${deploymentSlug}/assessment#impact-${m.number}`}>{`#${m.number} ${m.title}`}</Link>
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {next ? (
        <p className="pager">
          <Link to={next}>{t("responses:public.next")}</Link>
        </p>
      ) : null}
      <p>
        <a href={`/c/${c.slug}/responses.json`}>{t("responses:public.json")}</a>
      </p>
    </>
  );
}

export { ErrorBoundary } from "~/root";
