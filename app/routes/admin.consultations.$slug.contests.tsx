import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, KeyedOptions, valueOf, valuesOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { requireResponder } from "~/modules/responses/access.server";
import { responseDecisions } from "~/modules/responses/constants";
import { answerContest, listContests } from "~/modules/responses/contests.server";
import { AnswerContestSchema } from "~/modules/responses/schema";

export const handle = { i18n: ["admin", "responses"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The lead's queue of contested answers: open ones first, by deadline, overdue ones marked. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { consultation } = await requireResponder(request, context, params.slug!);
  return {
    consultation: { slug: consultation.slug, title: consultation.title },
    contests: await listContests({ consultationId: consultation.id }),
    done: new URL(request.url).searchParams.get("done") === "1",
    title: tFor(context.locale, "responses")("responses:contest.queue"),
  };
}

type ActionData = { contestId: string; values: FormValues; errors: FieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, consultation } = await requireResponder(request, context, params.slug!);
  const values = formValues(await request.formData());
  const contestId = String(values.contestId ?? "");
  const parsed = AnswerContestSchema.safeParse(values);
  if (!parsed.success) return data<ActionData>({ contestId, values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await answerContest({ consultation, ...parsed.data, actorId: user.id });
  if (!result.ok) return data<ActionData>({ contestId, values, errors: { form: [result.error] } }, { status: result.status });
  return redirect(`/admin/consultations/${consultation.slug}/contests?done=1`, 303);
}

export default function Contests() {
  const { consultation, contests, done } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  return (
    <>
      <p className="eyebrow">
        <Link to={`/admin/consultations/${consultation.slug}/responses`}>{t("responses:admin.heading")}</Link>
      </p>
      <h1>{t("responses:contest.queue")}</h1>
      {done ? <Notice>{t("responses:contest.answered")}</Notice> : null}
      {action ? <ErrorSummary errors={action.errors} /> : null}
      {contests.length === 0 ? <p>{t("responses:contest.none")}</p> : null}
      {contests.map((c) => {
        const mine = action?.contestId === c.id;
        const errors = mine ? action.errors : {};
        const values = mine ? action.values : {};
        return (
          <section key={c.id} className="form-subsection" aria-labelledby={`contest-${c.id}`}>
            <h2 id={`contest-${c.id}`}>
              {c.status === "open" ? t("responses:contest.openUntil", { date: c.deadline }) : t(`responses:contest.outcome.${c.outcome}`)}
              {c.overdue ? <span className="tag tag--risk">{t("responses:contest.overdue")}</span> : null}
            </h2>
            <blockquote className="quote" lang={c.lang} dir={dirOf(c.lang)}>
              {c.excerpt}
            </blockquote>
            <p>
              <strong>{t(`responses:decision.${c.decision}`)}</strong>: {c.responseReason}
            </p>
            <p>
              <strong>{t("responses:contest.theirReason")}</strong> {c.reason}
            </p>
            {c.status === "answered" ? (
              <p>{c.outcomeReason}</p>
            ) : (
              <Form method="post" noValidate className="form">
                <CsrfField />
                <input type="hidden" name="contestId" value={c.id} />
                <fieldset className="field" data-invalid={errors.outcome ? "" : undefined} aria-describedby={errors.outcome ? `outcome-${c.id}-error` : undefined}>
                  <legend className="field__label">{t("responses:contest.outcomeLegend")}</legend>
                  {errors.outcome ? (
                    <p className="field__error" id={`outcome-${c.id}-error`}>
                      {t(errors.outcome[0])}
                    </p>
                  ) : null}
                  {(["upheld", "changed"] as const).map((o) => (
                    <div className="checkbox" key={o}>
                      <input type="radio" id={`outcome-${c.id}-${o}`} name="outcome" value={o} defaultChecked={valuesOf(values, "outcome").includes(o)} />
                      <label htmlFor={`outcome-${c.id}-${o}`}>{t(`responses:contest.choice.${o}`)}</label>
                    </div>
                  ))}
                </fieldset>
                <Field name={`decision-${c.id}`} label={t("responses:contest.newDecision")} errors={errors.decision ? { [`decision-${c.id}`]: errors.decision } : {}}>
                  {(p) => (
                    <select {...p} name="decision" defaultValue={valueOf(values, "decision") ?? ""}>
                      <option value="">–</option>
                      <KeyedOptions values={responseDecisions} prefix="responses:decision." />
                    </select>
                  )}
                </Field>
                <Field name={`reason-${c.id}`} label={t("responses:contest.outcomeReason")} errors={errors.reason ? { [`reason-${c.id}`]: errors.reason } : {}}>
                  {(p) => <textarea {...p} name="reason" rows={4} maxLength={4000} defaultValue={valueOf(values, "reason") ?? ""} />}
                </Field>
                <button type="submit" className="button">
                  {t("responses:contest.publish")}
                </button>
              </Form>
            )}
          </section>
        );
      })}
    </>
  );
}

export { ErrorBoundary } from "~/root";
