import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, KeyedOptions, useFormState, valueOf } from "~/components/forms";
import { GrievanceAppeal, GrievanceFacts, GrievanceHistory } from "~/components/grievance-history";
import { Notice } from "~/components/notice";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermissionInOrganisationOf } from "~/modules/auth/guards.server";
import { appealOutcomes, grievanceOutcomes } from "~/modules/grievances/constants";
import { advanceGrievance, getCaseForStaff, organisationOfGrievance, today } from "~/modules/grievances/grievances.server";
import { allowedActions, canAppeal, isOverdue } from "~/modules/grievances/rules";
import { AdvanceSchema } from "~/modules/grievances/schema";

export const handle = { i18n: ["admin", "grievances"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** One grievance for staff of its organisation: the text, the history, and the next step with its form. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermissionInOrganisationOf(request, context, "handle:grievance", () => organisationOfGrievance(params.id!));
  const [c, day] = await Promise.all([getCaseForStaff(params.id!), today()]);
  if (!c) throw data(null, { status: 404 });
  const date = (d: string | Date | null) => (d ? formatDate(d, context.locale) : null);
  return {
    c: { ...c, due: date(c.dueOn), filed: date(c.createdAt)!, overdue: isOverdue(c, day), events: c.events.map((e) => ({ state: e.state, note: e.note, entity: e.responsibleEntity, on: date(e.createdAt)!, due: date(e.dueOn) })) },
    actions: allowedActions(c, day),
    appealOpen: canAppeal(c, day),
    title: tFor(context.locale, "grievances")("grievances:staff.title", { reference: c.reference }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermissionInOrganisationOf(request, context, "handle:grievance", () => organisationOfGrievance(params.id!));
  const values = formValues(await request.formData());
  const parsed = AdvanceSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await advanceGrievance({ ...parsed.data, id: params.id!, actorId: user.id });
  if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
  return redirect(`/admin/grievances/${params.id}?done=1`, 303);
}

export default function StaffGrievance() {
  const { c, actions, appealOpen } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const action = actions[0];
  return (
    <>
      <p className="eyebrow">
        <Link to="/admin/grievances">{t("grievances:staff.back")}</Link>
      </p>
      <h1>{t("grievances:staff.title", { reference: c.reference })}</h1>
      {search.get("done") ? <Notice>{t("grievances:staff.done")}</Notice> : null}
      <GrievanceFacts
        kind={c.kind}
        filed={c.filed}
        state={c.state}
        before={
          <div>
            <dt>{t("grievances:queue.system")}</dt>
            <dd>
              <Link to={`/register/${c.deploymentSlug}`}>{c.deploymentName}</Link>
            </dd>
          </div>
        }
        stateNote={
          <>
            {c.due ? ` · ${t("grievances:queue.due")}: ${c.due}` : null}
            {c.overdue ? <span className="tag tag--risk">{t("grievances:queue.overdue")}</span> : null}
          </>
        }
      />
      <p>{c.hasContact ? t("grievances:staff.contact") : t("grievances:staff.noContact")}</p>
      <blockquote className="quote" lang={c.lang} dir={dirOf(c.lang)}>
        {c.body}
      </blockquote>
      {c.outcome ? (
        <section aria-labelledby="decision-heading">
          <h2 id="decision-heading">{t("grievances:case.decision")}</h2>
          <p>
            <strong>{t(`grievances:outcomeLabel.${c.outcome}`)}</strong>
          </p>
          {c.decisionReason ? <p className="prose">{c.decisionReason}</p> : null}
          {c.remedy ? <p className="prose">{c.remedy}</p> : null}
        </section>
      ) : null}
      {c.appealReason ? <GrievanceAppeal reason={c.appealReason} lang={c.lang} outcome={c.appealOutcome} answer={c.appealAnswer} staff /> : null}

      {action ? (
        <section aria-labelledby="next-heading" className="panel">
          <h2 id="next-heading">{t(`grievances:staff.action.${action}`)}</h2>
          <ErrorSummary
            errors={errors}
            labels={{
              outcome: t("grievances:staff.outcome"),
              appealOutcome: t("grievances:staff.appealOutcome"),
              reason: t("grievances:staff.reason"),
              note: t("grievances:staff.note"),
              remedy: t("grievances:staff.remedy"),
            }}
          />
          <Form method="post" noValidate className="form">
            <CsrfField />
            <input type="hidden" name="action" value={action} />
            <input type="hidden" name="revision" value={c.revision} />
            {action === "decide_appeal" ? (
              <ChoiceGroup
                name="appealOutcome"
                type="radio"
                legend={t("grievances:staff.appealOutcome")}
                options={appealOutcomes.map((o) => ({ value: o, label: t(`grievances:appealOutcome.${o}`) }))}
                checked={[valueOf(values, "appealOutcome") ?? ""]}
                errors={errors}
              />
            ) : null}
            {action === "decide" ? (
              <ChoiceGroup
                name="outcome"
                type="radio"
                legend={t("grievances:staff.outcome")}
                options={grievanceOutcomes.map((o) => ({ value: o, label: t(`grievances:outcomeLabel.${o}`) }))}
                checked={[valueOf(values, "outcome") ?? ""]}
                errors={errors}
              />
            ) : null}
            {action === "decide_appeal" ? (
              <Field name="outcome" label={t("grievances:staff.newOutcome")} errors={errors}>
                {(p) => (
                  <select {...p} defaultValue={valueOf(values, "outcome") ?? ""}>
                    <option value="">–</option>
                    <KeyedOptions values={grievanceOutcomes} prefix="grievances:outcomeLabel." />
                  </select>
                )}
              </Field>
            ) : null}
            {action === "decide" || action === "decide_appeal" ? (
              <>
                <Field name="reason" label={t("grievances:staff.reason")} hint={t("grievances:staff.reasonHint")} errors={errors}>
                  {(p) => <textarea {...p} rows={5} maxLength={4000} defaultValue={valueOf(values, "reason") ?? ""} />}
                </Field>
                <Field name="remedy" label={t("grievances:staff.remedy")} errors={errors}>
                  {(p) => <textarea {...p} rows={3} maxLength={4000} defaultValue={valueOf(values, "remedy") ?? ""} />}
                </Field>
              </>
            ) : null}
            <Field name="note" label={t("grievances:staff.note")} hint={t("grievances:staff.noteHint")} errors={errors}>
              {(p) => <textarea {...p} rows={3} maxLength={4000} defaultValue={valueOf(values, "note") ?? ""} />}
            </Field>
            <button type="submit" className="button">
              {t(`grievances:staff.action.${action}`)}
            </button>
          </Form>
        </section>
      ) : appealOpen ? (
        <p>{t("grievances:staff.waitAppeal", { due: c.due })}</p>
      ) : errors.form ? (
        <ErrorSummary errors={errors} />
      ) : null}

      <GrievanceHistory events={c.events} />
    </>
  );
}

export { ErrorBoundary } from "~/root";
