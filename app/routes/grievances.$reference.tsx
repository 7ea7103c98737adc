import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { GrievanceAppeal, GrievanceFacts, GrievanceHistory } from "~/components/grievance-history";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatDate, formatNumber } from "~/lib/format";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { appealGrievance, getCaseByReference, getStages, today } from "~/modules/grievances/grievances.server";
import { canAppeal, isOverdue, normaliseReference } from "~/modules/grievances/rules";
import { AppealSchema } from "~/modules/grievances/schema";

export const handle = { i18n: ["grievances"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "" },
  // The code in the address is the key to the case: keep the page out of search engines.
  { name: "robots", content: "noindex, nofollow" },
];

/** The reference in the address, in its canonical form, or a 404. */
function referenceOf(params: { reference?: string }): string {
  const reference = normaliseReference(params.reference ?? "");
  if (!reference) throw data(null, { status: 404 });
  return reference;
}

/**
 * One grievance, for whoever holds its reference code (001 §60; 003 pt6): where it stands, who acts next
 * and by when, the decision with its reason and remedy, the appeal (form while it is open), the history.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const reference = referenceOf(params);
  if (reference !== params.reference) throw redirect(`/grievances/${reference}`, 301);
  const c = await getCaseByReference(reference);
  const [{ stages }, day] = await Promise.all([getStages(c.organisationId), today()]);
  const t = tFor(context.locale, "grievances");
  const date = (d: string | Date | null) => (d ? formatDate(d, context.locale) : null);
  const current = c.events[c.events.length - 1];
  return {
    c: {
      reference: c.reference,
      kind: c.kind,
      body: c.body,
      lang: c.lang,
      state: c.state,
      outcome: c.outcome,
      decisionReason: c.decisionReason,
      remedy: c.remedy,
      appealReason: c.appealReason,
      appealOutcome: c.appealOutcome,
      appealAnswer: c.appealAnswer,
      deploymentSlug: c.deploymentSlug,
      deploymentName: c.deploymentName,
      filedOn: date(c.createdAt)!,
      due: date(c.dueOn),
      overdue: isOverdue(c, day),
      nextEntity: c.state === "closed" || c.state === "decided" ? null : (current?.responsibleEntity ?? null),
    },
    appeal: canAppeal(c, day)
      ? { due: date(c.dueOn)!, entity: stages.appealed.entity, days: t("grievances:file.days", { count: stages.appealed.days, n: formatNumber(stages.appealed.days, context.locale) }) }
      : null,
    events: c.events.map((e) => ({ state: e.state, on: date(e.createdAt)!, note: e.note, entity: e.responsibleEntity, due: date(e.dueOn) })),
    title: t("grievances:case.title", { reference: c.reference }),
  };
}

/** The person appeals an adverse decision, once, while the time to appeal runs. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "file:grievance");
  const reference = referenceOf(params);
  const values = formValues(await request.formData());
  const parsed = AppealSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await appealGrievance({ reference, reason: parsed.data.reason });
  if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
  return redirect(`/grievances/${reference}?appealed=1`, 303);
}

export default function GrievanceCase() {
  const { c, appeal, events } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  return (
    <article className="grievance">
      <p className="eyebrow">
        <Link to={`/register/${c.deploymentSlug}/grievances`}>{c.deploymentName}</Link>
      </p>
      <h1>{t("grievances:case.title", { reference: c.reference })}</h1>
      {search.get("filed") ? (
        <div className="notice" role="status">
          <p>
            <strong>{t("grievances:case.filedOk")}</strong>
          </p>
          <p>
            {t("grievances:case.keepCode")} <strong className="reference" data-reference={c.reference}>{c.reference}</strong>
          </p>
        </div>
      ) : null}
      {search.get("appealed") ? (
        <p className="notice" role="status">
          {t("grievances:case.appealed")}
        </p>
      ) : null}

      <GrievanceFacts kind={c.kind} filed={c.filedOn} state={c.state} />
      {c.nextEntity && c.due ? (
        <p>{t("grievances:case.next", { stage: t(`grievances:stage.${c.state}`), entity: c.nextEntity, due: c.due })}</p>
      ) : null}
      {c.overdue ? (
        <p className="notice notice--risk" data-overdue="">
          {t("grievances:case.overdue", { due: c.due })}
        </p>
      ) : null}
      {c.state === "closed" ? <p>{t("grievances:case.closed")}</p> : null}

      {c.outcome ? (
        <section aria-labelledby="decision-heading" className="panel">
          <h2 id="decision-heading">{t("grievances:case.decision")}</h2>
          <p data-outcome={c.outcome}>
            <strong>{t(`grievances:outcomeLabel.${c.outcome}`)}</strong>
          </p>
          {c.decisionReason ? (
            <>
              <h3>{t("grievances:case.reason")}</h3>
              <p className="prose">{c.decisionReason}</p>
            </>
          ) : null}
          {c.remedy ? (
            <>
              <h3>{t("grievances:case.remedy")}</h3>
              <p className="prose">{c.remedy}</p>
            </>
          ) : null}
        </section>
      ) : null}

      {appeal ? (
        <section aria-labelledby="appeal-heading" className="panel">
          <h2 id="appeal-heading">{t("grievances:case.appealHeading")}</h2>
          <p>{t("grievances:case.appealIntro", appeal)}</p>
          <ErrorSummary errors={errors} labels={{ reason: t("grievances:case.appealReason") }} />
          <Form method="post" noValidate className="form">
            <CsrfField />
            <Field name="reason" label={t("grievances:case.appealReason")} hint={t("grievances:case.appealReasonHint")} errors={errors}>
              {(p) => <textarea {...p} rows={6} maxLength={4000} defaultValue={valueOf(values, "reason") ?? ""} />}
            </Field>
            <button type="submit" className="button">
              {t("grievances:case.appealSubmit")}
            </button>
          </Form>
        </section>
      ) : errors.form ? (
        <ErrorSummary errors={errors} />
      ) : null}

      {c.appealReason ? <GrievanceAppeal reason={c.appealReason} lang={c.lang} outcome={c.appealOutcome} answer={c.appealAnswer} /> : null}

      <section aria-labelledby="text-heading">
        <h2 id="text-heading">{t("grievances:case.yourText")}</h2>
        <blockquote className="quote" lang={c.lang} dir={dirOf(c.lang)}>
          {c.body}
        </blockquote>
      </section>

      <GrievanceHistory events={events} />
    </article>
  );
}

export { ErrorBoundary } from "~/root";
