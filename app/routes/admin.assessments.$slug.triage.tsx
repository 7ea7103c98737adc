import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { FilterSelect } from "~/components/filter-select";
import { OriginalDetails } from "~/components/original-details";
import { moveFocus, useShortcuts } from "~/components/shortcuts";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { requireAssessment } from "~/modules/assessment/access.server";
import { listAffectedGroups, listDeploymentConsultations, listTriageQueue, TRIAGE_EXCERPT } from "~/modules/assessment/assessment.server";
import { listQuestionCodes } from "~/modules/consultations/briefing.server";
import { TriageFilterSchema } from "~/modules/assessment/schema";
import { concernTags } from "~/modules/inputs/constants";
import { listShownTranslations } from "~/modules/translations/translations.server";

export const handle = { i18n: ["admin", "assessment", "inputs", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * The triage queue: one consultation's inputs, newest first, 50 at a time, with filters in the query
 * string (a plain GET form, so it works and bookmarks without JavaScript).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { head } = await requireAssessment(request, context, params.slug!, "triage:input");
  const url = new URL(request.url);
  const consultations = await listDeploymentConsultations(head.deploymentId);
  const consultation = consultations.find((c) => c.slug === url.searchParams.get("c")) ?? consultations[0] ?? null;
  const filter = TriageFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [page, groups, questions] = consultation
    ? await Promise.all([listTriageQueue({ consultationId: consultation.id, filter }), listAffectedGroups(head.deploymentId), listQuestionCodes(consultation.id)])
    : [{ items: [], next: null }, [], []];
  const next = page.next ? `?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), after: page.next })}` : null;
  // Inputs written in another language are read in the analyst's where translated (issue #9), marked.
  const foreign = page.items.filter((i) => i.lang !== context.locale).map((i) => i.id);
  const translated = await listShownTranslations({ entity: "input", ids: foreign, lang: context.locale, maxChars: TRIAGE_EXCERPT });
  return {
    slug: head.deploymentSlug,
    name: head.deploymentName,
    consultations,
    consultation,
    filter,
    items: page.items.map((i) => ({ ...i, createdOn: formatDate(i.createdAt, context.locale), translation: translated.get(i.id)?.[0] ?? null })),
    next,
    groups: groups.filter((g) => !consultation || g.consultationTitle === consultation.title),
    questions: questions.map((q) => ({ code: q.code, prompt: q.prompt })),
    title: tFor(context.locale, "assessment")("assessment:triage.title", { name: head.deploymentName }),
  };
}

export default function Triage() {
  const { slug, name, consultations, consultation, filter, items, next, groups, questions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const keys = useMemo(
    () => ({
      j: () => moveFocus(".triage-item a", 1),
      k: () => moveFocus(".triage-item a", -1),
      "/": () => document.getElementById("lang")?.focus(),
    }),
    [],
  );
  useShortcuts(keys);
  return (
    <>
      <p className="eyebrow">
        <Link to={`/admin/assessments/${slug}`}>{t("assessment:admin.title", { name })}</Link>
      </p>
      <h1>{t("assessment:triage.heading")}</h1>
      <details className="hint">
        <summary>{t("assessment:triage.shortcuts")}</summary>
        <p>{t("assessment:triage.shortcutsQueue")}</p>
      </details>
      <form method="get" className="filters">
        {consultations.length > 1 ? (
          <div className="field field--inline">
            <label className="field__label" htmlFor="c">
              {t("assessment:triage.consultation")}
            </label>
            <select id="c" name="c" defaultValue={consultation?.slug}>
              {consultations.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.title}
                </option>
              ))}
            </select>
          </div>
        ) : consultation ? (
          <input type="hidden" name="c" value={consultation.slug} />
        ) : null}
        <div className="field field--inline">
          <label className="field__label" htmlFor="lang">
            {t("assessment:triage.lang")}
          </label>
          <input id="lang" name="lang" type="text" size={4} maxLength={3} pattern="[a-z]{2,3}" defaultValue={filter.lang ?? ""} />
        </div>
        <FilterSelect any={t("assessment:triage.any")} name="question" label={t("assessment:triage.question")} value={filter.question} options={questions.map((q) => ({ value: `question:${q.code}`, label: `${q.code}: ${q.prompt.slice(0, 60)}` }))} />
        <FilterSelect any={t("assessment:triage.any")} name="concern" label={t("assessment:triage.concern")} value={filter.concern} options={concernTags.map((c) => ({ value: c, label: t(`inputs:concern.${c}`) }))} />
        {groups.length ? <FilterSelect any={t("assessment:triage.any")} name="group" label={t("assessment:groups")} value={filter.group} options={groups.map((g) => ({ value: g.id, label: g.name }))} /> : null}
        <FilterSelect
          any={t("assessment:triage.any")}
          name="method"
          label={t("assessment:triage.method")}
          value={filter.method}
          options={(["direct", "facilitated"] as const).map((m) => ({ value: m, label: t(`assessment:triage.methodOption.${m}`) }))}
        />
        {(["unprocessed", "joint", "campaign"] as const).map((f) => (
          <div className="checkbox" key={f}>
            <input type="checkbox" id={f} name={f} value="1" defaultChecked={filter[f] === "1"} />
            <label htmlFor={f}>{t(`assessment:triage.${f}`)}</label>
          </div>
        ))}
        <button type="submit" className="button">
          {t("assessment:triage.filter")}
        </button>
      </form>
      {items.length === 0 ? <p>{t("assessment:triage.empty")}</p> : null}
      <ol className="triage">
        {items.map((i) => (
          <li key={i.id} className="triage-item">
            <p className="hint">
              {i.createdOn} · {i.lang}
              {i.sectionRef?.startsWith("question:") ? ` · ${i.sectionRef.slice(9)}` : ""}
              {i.facilitated ? ` · ${t("assessment:triage.facilitatedFor", { count: i.onBehalfCount ?? 0 })}` : ""}
              {i.joint ? ` · ${t("assessment:triage.jointTag")}` : ""}
              {i.duplicateOf || i.copies ? ` · ${t("assessment:triage.campaignTag", { count: i.copies + 1 })}` : ""}
              {" · "}
              {i.linkKinds.length ? i.linkKinds.map((k) => t(`assessment:link.${k}`)).join(", ") : <strong>{t("assessment:triage.unprocessedTag")}</strong>}
            </p>
            {i.translation ? (
              <>
                <p lang={i.translation.lang} data-translation-status={i.translation.status}>
                  <Link to={`/admin/assessments/${slug}/inputs/${i.id}`}>{i.translation.text}</Link>
                </p>
                <OriginalDetails translation={i.translation} originalLang={i.lang}>
                  <p lang={i.lang}>{i.excerpt}</p>
                </OriginalDetails>
              </>
            ) : (
              <p lang={i.lang}>
                <Link to={`/admin/assessments/${slug}/inputs/${i.id}`}>{i.excerpt}</Link>
              </p>
            )}
          </li>
        ))}
      </ol>
      {next ? (
        <p className="pager">
          <Link to={next}>{t("assessment:triage.next")}</Link>
        </p>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
