import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, LanguageOptions, useFormState, valueOf } from "~/components/forms";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatNumber } from "~/lib/format";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { grievanceKinds, grievanceStates, MIN_DECIDED_FOR_TIMES, stagedStates } from "~/modules/grievances/constants";
import { fileGrievance, getGrievanceDeployment, getStages, grievanceStats, sourceHash } from "~/modules/grievances/grievances.server";
import { normaliseReference } from "~/modules/grievances/rules";
import { FileGrievanceSchema } from "~/modules/grievances/schema";

export const handle = { i18n: ["grievances", "register"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Complaints about a deployed system (issue #8; 001 §60; 003 pt5-6): who handles each step and within
 * how long, the form (anyone, no account needed), a box to follow a case by its reference code, and the
 * public statistics, which never show a single case.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const deployment = await getGrievanceDeployment(params.slug!);
  const code = new URL(request.url).searchParams.get("code");
  let lookupError: string | null = null;
  if (code !== null) {
    const reference = normaliseReference(code.slice(0, 40));
    if (reference) throw redirect(`/grievances/${reference}`, 303);
    lookupError = "grievances:lookup.notFound";
  }
  const [{ stages }, stats] = await Promise.all([getStages(deployment.organisationId), grievanceStats(deployment.id)]);
  const t = tFor(context.locale, "grievances");
  const days = (n: number) => t("grievances:file.days", { count: n, n: formatNumber(n, context.locale) });
  return {
    deployment: { slug: deployment.slug, name: deployment.name, lang: deployment.lang, organisation: deployment.organisation },
    stages: stagedStates.map((s) => ({ state: s, entity: stages[s].entity, days: days(stages[s].days) })),
    stats: {
      total: formatNumber(stats.total, context.locale),
      empty: stats.total === 0,
      byState: grievanceStates.map((s) => ({ state: s, n: formatNumber(stats.byState[s], context.locale) })),
      overdue: stats.overdue,
      appealed: stats.appealed,
      times:
        stats.medianDays === null
          ? null
          : t("grievances:stats.times", {
              median: days(stats.medianDays),
              p90: days(stats.p90Days!),
              onTime: new Intl.NumberFormat(context.locale, { style: "percent" }).format(stats.onTimeShare!),
            }),
    },
    locale: context.locale,
    signedIn: Boolean(context.user),
    lookupError,
    lookupValue: code ?? "",
    title: t("grievances:file.title", { name: deployment.name }),
  };
}

/** Files the grievance and opens its page, where the person is shown their reference code. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "file:grievance");
  const deployment = await getGrievanceDeployment(params.slug!);
  const values = formValues(await request.formData());
  const parsed = FileGrievanceSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await fileGrievance({
    ...parsed.data,
    deployment,
    userId: context.user?.id ?? null,
    sourceHash: sourceHash({ userId: context.user?.id, browserToken: context.csrfToken }),
  });
  if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
  return redirect(`/grievances/${result.reference}?filed=1`, 303);
}

export default function Grievances() {
  const { deployment, stages, stats, locale, signedIn, lookupError, lookupValue } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  const d = deployment;
  return (
    <article className="grievances">
      <p className="eyebrow">
        <Link to={`/register/${d.slug}`} lang={d.lang} dir={dirOf(d.lang)}>
          {d.name}
        </Link>{" "}
        · <span lang={d.lang}>{d.organisation}</span>
      </p>
      <h1>{t("grievances:file.heading", { name: d.name })}</h1>
      <p>{t("grievances:file.intro")}</p>
      <p>{t("grievances:file.private")}</p>

      <section aria-labelledby="stages-heading">
        <h2 id="stages-heading">{t("grievances:file.who")}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("grievances:file.stageColumn")}</th>
              <th scope="col">{t("grievances:file.entityColumn")}</th>
              <th scope="col">{t("grievances:file.daysColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((s) => (
              <tr key={s.state}>
                <th scope="row">{t(`grievances:stage.${s.state}`)}</th>
                <td lang={d.lang}>{s.entity}</td>
                <td>{s.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="file-heading" className="panel">
        <h2 id="file-heading">{t("grievances:file.submit")}</h2>
        <ErrorSummary
          errors={errors}
          labels={{ kind: t("grievances:file.kind"), body: t("grievances:file.body"), lang: t("grievances:file.lang"), contactEmail: t("grievances:file.contact") }}
        />
        <Form method="post" noValidate className="form">
          <CsrfField />
          <ChoiceGroup
            name="kind"
            type="radio"
            legend={t("grievances:file.kind")}
            options={grievanceKinds.map((k) => ({ value: k, label: t(`grievances:kind.${k}`) }))}
            checked={[valueOf(values, "kind") ?? ""]}
            errors={errors}
          />
          <Field name="body" label={t("grievances:file.body")} hint={t("grievances:file.bodyHint")} errors={errors}>
            {(p) => <textarea {...p} rows={8} maxLength={8000} defaultValue={valueOf(values, "body") ?? ""} />}
          </Field>
          <Field name="lang" label={t("grievances:file.lang")} hint={t("grievances:file.langHint")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue={valueOf(values, "lang") ?? locale}>
                <LanguageOptions />
              </select>
            )}
          </Field>
          <Field name="contactEmail" label={t("grievances:file.contact")} hint={t("grievances:file.contactHint")} errors={errors}>
            {(p) => <input {...p} type="email" autoComplete="email" maxLength={254} defaultValue={valueOf(values, "contactEmail") ?? ""} />}
          </Field>
          {signedIn ? <p className="hint">{t("grievances:file.signedIn")}</p> : null}
          <button type="submit" className="button">
            {t("grievances:file.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="lookup-heading">
        <h2 id="lookup-heading">{t("grievances:lookup.heading")}</h2>
        <form method="get" className="form form--inline">
          <Field name="code" label={t("grievances:lookup.code")} hint={t("grievances:lookup.codeHint")} errors={lookupError ? { code: [lookupError] } : {}}>
            {(p) => <input {...p} autoComplete="off" spellCheck={false} maxLength={40} defaultValue={lookupValue} />}
          </Field>
          <button type="submit" className="button button--secondary">
            {t("grievances:lookup.submit")}
          </button>
        </form>
      </section>

      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">{t("grievances:stats.heading")}</h2>
        <p>{t("grievances:stats.intro")}</p>
        {stats.empty ? (
          <p>{t("grievances:stats.none")}</p>
        ) : (
          <>
            <table className="table" data-grievance-stats="">
              <caption>{t("grievances:stats.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("grievances:stats.stateColumn")}</th>
                  <th scope="col">{t("grievances:stats.countColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {stats.byState.map((s) => (
                  <tr key={s.state} data-state={s.state}>
                    <th scope="row">{t(`grievances:state.${s.state}`)}</th>
                    <td>{s.n}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("grievances:stats.total")}</th>
                  <td>{stats.total}</td>
                </tr>
              </tfoot>
            </table>
            {stats.overdue > 0 ? <p>{t("grievances:stats.overdue", { count: stats.overdue })}</p> : null}
            {stats.appealed > 0 ? <p>{t("grievances:stats.appealed", { count: stats.appealed })}</p> : null}
            <p>{stats.times ?? t("grievances:stats.timesHidden", { count: MIN_DECIDED_FOR_TIMES })}</p>
          </>
        )}
      </section>
    </article>
  );
}

export { ErrorBoundary } from "~/root";
