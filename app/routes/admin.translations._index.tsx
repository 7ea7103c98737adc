import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { FilterSelect } from "~/components/filter-select";
import { dirOf, isSupportedLng, languageNames, supportedLngs, type Lng } from "~/i18n";
import { tFor } from "~/i18n.server";
import { requirePermission, requirePermissionInOrganisationOf } from "~/modules/auth/guards.server";
import { organisationsWhere } from "~/modules/auth/permissions";
import { getConsultationForEditing, listConsultationsForStaff } from "~/modules/consultations/manage.server";
import { findConsultationOrganisation } from "~/modules/responses/responses.server";
import { queueFilters, type QueueFilter } from "~/modules/translations/constants";
import { requestMachineDrafts } from "~/modules/translations/machine.server";
import { listQueue } from "~/modules/translations/workflow.server";
import { CsrfField } from "~/components/forms";
import { Notice } from "~/components/notice";

export const handle = { i18n: ["admin", "translations", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const BRIEFING = ["consultation", "briefing_section", "question"] as const;

/**
 * The translators' queue (issue #9): pick a consultation, see per language what its briefing still needs
 * (the coverage that decides whether it may open in that language), then one language's items that are
 * missing, outdated, machine-drafted or waiting for a second translator's review.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "edit:translation")!;
  const url = new URL(request.url);
  const slug = url.searchParams.get("consultation");
  const t = tFor(context.locale, "translations");
  const consultations = await listConsultationsForStaff({ organisationIds: organisationsWhere(user, "edit:translation") });
  const base = { consultations: consultations.map((c) => ({ slug: c.slug, title: c.title })), title: t("translations:queue.title") };
  if (!slug) return { ...base, consultation: null, coverage: [], queue: null, lang: null, show: "todo" as QueueFilter };
  await requirePermissionInOrganisationOf(request, context, "edit:translation", () => findConsultationOrganisation(slug));
  const c = await getConsultationForEditing(slug);
  const langParam = url.searchParams.get("lang");
  if (langParam !== null && langParam !== "" && !isSupportedLng(langParam)) throw data({ error: "translations:errors.lang" }, { status: 400 });
  const lang = langParam && isSupportedLng(langParam) && langParam !== c.lang ? langParam : null;
  const show = (queueFilters as readonly string[]).includes(url.searchParams.get("show") ?? "") ? (url.searchParams.get("show") as QueueFilter) : "todo";
  // Coverage of the briefing in each language the consultation is offered in (or asked about).
  const languages = [...new Set([...c.languages, ...(lang ? [lang] : [])])].filter((l) => l !== c.lang);
  const coverage = [];
  for (const l of languages) {
    const { counts } = await listQueue({ consultationId: c.id, lang: l, entities: BRIEFING });
    coverage.push({ lang: l, counts, ready: counts.missing + counts.outdated + counts.machine + counts.draft === 0 });
  }
  const queue = lang ? await listQueue({ consultationId: c.id, lang, filter: show }) : null;
  return {
    ...base,
    consultation: { slug: c.slug, title: c.title, lang: c.lang, allowUnreviewed: c.allowUnreviewedLanguages, deploymentSlug: c.deploymentSlug },
    coverage,
    queue,
    lang,
    machineDrafts: context.machineDrafts,
    show,
  };
}

/**
 * Asks the organisation's machine translation service for drafts of what has no translation yet in the
 * chosen language. They arrive as machine drafts, marked as such, and never replace a person's work.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "edit:translation")!;
  const url = new URL(request.url);
  const slug = url.searchParams.get("consultation") ?? "";
  const lang = url.searchParams.get("lang") ?? "";
  await requirePermissionInOrganisationOf(request, context, "edit:translation", () => findConsultationOrganisation(slug));
  if (!isSupportedLng(lang)) throw data({ error: "translations:errors.lang" }, { status: 400 });
  // Without a service of the organisation's own (TRANSLATE_URL) nothing is asked of anyone.
  if (!context.machineDrafts) throw data({ error: "translations:machine.none" }, { status: 409 });
  const c = await getConsultationForEditing(slug);
  const { items } = await listQueue({ consultationId: c.id, lang, filter: "missing" });
  let queued = 0;
  for (const entity of [...new Set(items.map((i) => i.entity))]) {
    queued += await requestMachineDrafts({ entity, entityIds: items.filter((i) => i.entity === entity).map((i) => i.entityId), lang, requestedBy: user.id });
  }
  return redirect(`/admin/translations?consultation=${slug}&lang=${lang}&queued=${queued}`, 303);
}

export default function TranslationQueue() {
  const data = useLoaderData<typeof loader>();
  const { consultations, consultation: c, coverage, queue, lang, show } = data;
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const queued = search.get("queued");
  const name = (l: string) => languageNames[l as Lng] ?? l;
  return (
    <>
      <h1>{t("translations:queue.title")}</h1>
      <p>{t("translations:queue.intro")}</p>
      <p>
        <Link to="/admin/translations/ui">{t("translations:queue.uiStrings")}</Link>
      </p>
      <form method="get" className="filters">
        <FilterSelect
          name="consultation"
          label={t("translations:queue.consultation")}
          any={t("translations:queue.choose")}
          value={c?.slug}
          options={consultations.map((x) => ({ value: x.slug, label: x.title }))}
        />
        <FilterSelect
          name="lang"
          label={t("translations:queue.lang")}
          any={t("translations:queue.choose")}
          value={lang ?? undefined}
          options={supportedLngs.filter((l) => l !== c?.lang).map((l) => ({ value: l, label: languageNames[l] }))}
        />
        <FilterSelect name="show" label={t("translations:queue.show")} any={t("translations:filter.todo")} value={show === "todo" ? undefined : show} options={queueFilters.filter((f) => f !== "todo").map((f) => ({ value: f, label: t(`translations:filter.${f}`) }))} />
        <button type="submit" className="button button--secondary">
          {t("translations:queue.apply")}
        </button>
      </form>
      {c ? (
        <>
          <p>
            <Link to={`/admin/translations/glossary?deployment=${c.deploymentSlug}${lang ? `&lang=${lang}` : ""}`}>{t("translations:glossary.title")}</Link>
          </p>
          <section aria-labelledby="coverage-heading">
            <h2 id="coverage-heading">{t("translations:coverage.heading", { title: c.title })}</h2>
            {c.allowUnreviewed ? <p className="notice notice--risk">{t("translations:coverage.allowUnreviewed")}</p> : null}
            {coverage.length === 0 ? (
              <p>{t("translations:coverage.none")}</p>
            ) : (
              <table className="table" data-coverage="">
                <caption className="visually-hidden">{t("translations:coverage.heading", { title: c.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("translations:queue.lang")}</th>
                    {(["missing", "outdated", "machine", "draft", "translated", "reviewed"] as const).map((s) => (
                      <th scope="col" key={s} className="num">
                        {t(`translations:state.${s}`)}
                      </th>
                    ))}
                    <th scope="col">{t("translations:coverage.ready")}</th>
                  </tr>
                </thead>
                <tbody>
                  {coverage.map((row) => (
                    <tr key={row.lang} data-lang={row.lang}>
                      <th scope="row">
                        <Link to={`?consultation=${c.slug}&lang=${row.lang}`} lang={row.lang}>
                          {name(row.lang)}
                        </Link>
                      </th>
                      {(["missing", "outdated", "machine", "draft", "translated", "reviewed"] as const).map((s) => (
                        <td key={s} className="num" data-state={s}>
                          {row.counts[s]}
                        </td>
                      ))}
                      <td data-ready={row.ready ? "yes" : "no"}>{row.ready ? t("translations:coverage.yes") : t("translations:coverage.no")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {queue && lang ? (
            <section aria-labelledby="queue-heading">
              <h2 id="queue-heading">{t("translations:queue.heading", { language: name(lang) })}</h2>
              {queued !== null ? <Notice>{t("translations:machine.queued", { count: Number(queued) || 0 })}</Notice> : null}
              {"machineDrafts" in data && data.machineDrafts ? (
                <Form method="post" className="form">
                  <CsrfField />
                  <p className="hint">{t("translations:machine.hint")}</p>
                  <button type="submit" className="button button--secondary">
                    {t("translations:machine.request")}
                  </button>
                </Form>
              ) : (
                <p className="hint" data-machine-drafts="off">
                  {t("translations:machine.none")}
                </p>
              )}
              {queue.items.length === 0 ? (
                <p>{t("translations:queue.empty")}</p>
              ) : (
                <ul className="queue">
                  {queue.items.map((i) => (
                    <li key={`${i.entity}:${i.entityId}`} data-state={i.state}>
                      <Link to={`/admin/translations/${i.entity}/${i.entityId}/${lang}`}>
                        {t(`translations:entity.${i.entity}`)} · {t(`translations:state.${i.state}`)}
                      </Link>
                      <p className="hint" lang={i.sourceLang} dir={dirOf(i.sourceLang)}>
                        {i.excerpt}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
