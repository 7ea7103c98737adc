import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, valueOf, valuesOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { listDeploymentImpacts, listSimilarInputs } from "~/modules/assessment/assessment.server";
import { requireResponder } from "~/modules/responses/access.server";
import { findNextUnanswered, getInputToAnswer, respondToInputs } from "~/modules/responses/responses.server";
import { responseDecisions } from "~/modules/responses/constants";
import { RespondSchema } from "~/modules/responses/schema";

export const handle = { i18n: ["admin", "responses", "inputs"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** One input to answer: its words, the impacts it was linked to, similar inputs to answer with it, and the form. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { consultation } = await requireResponder(request, context, params.slug!);
  const input = await getInputToAnswer({ consultationId: consultation.id, inputId: params.inputId! });
  const [impacts, similar, next] = await Promise.all([
    listDeploymentImpacts(consultation.deploymentId),
    listSimilarInputs({ inputId: input.id, consultationId: consultation.id }),
    findNextUnanswered({ consultationId: consultation.id, createdAt: input.createdAt, id: input.id }),
  ]);
  return {
    consultation: { slug: consultation.slug, title: consultation.title, lang: consultation.lang },
    input: { ...input, createdOn: formatDate(input.createdAt, context.locale) },
    impacts,
    similar,
    next,
    done: new URL(request.url).searchParams.get("done"),
    title: tFor(context.locale, "responses")("responses:admin.answerTitle"),
  };
}

type ActionData = { values: FormValues; errors: FieldErrors };

/** Answers the input, and the similar ones ticked with it; each gets its own row. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, consultation } = await requireResponder(request, context, params.slug!);
  const input = await getInputToAnswer({ consultationId: consultation.id, inputId: params.inputId! });
  const values = formValues(await request.formData());
  const parsed = RespondSchema.safeParse({ ...values, inputIds: [input.id, ...valuesOf(values, "similar")] });
  if (!parsed.success) return data<ActionData>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await respondToInputs({ consultation, ...parsed.data, actorId: user.id });
  if (!result.ok) return data<ActionData>({ values, errors: { form: [result.error] } }, { status: result.status });
  const base = `/admin/consultations/${consultation.slug}/responses`;
  if (values.then === "next") {
    const next = await findNextUnanswered({ consultationId: consultation.id, createdAt: input.createdAt, id: input.id });
    if (next) return redirect(`${base}/${next}?done=answered`, 303);
    return redirect(`${base}?done=answered`, 303);
  }
  return redirect(`${base}/${input.id}?done=answered`, 303);
}

export default function AnswerInput() {
  const { consultation, input, impacts, similar, next, done } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  const errors = action?.errors ?? {};
  const values: FormValues = action?.values ?? (input.response ? { decision: input.response.decision, reason: input.response.reason, impactIds: input.response.impactIds } : { impactIds: input.linkedImpactIds });
  return (
    <>
      <p className="eyebrow">
        <Link to={`/admin/consultations/${consultation.slug}/responses`}>{t("responses:admin.heading")}</Link>
      </p>
      <h1>{t("responses:admin.answerTitle")}</h1>
      {done ? <Notice>{t("responses:admin.answered")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <p className="hint">
        {input.createdOn} · {input.lang}
        {input.sectionRef?.startsWith("question:") ? ` · ${input.sectionRef.slice(9)}` : ""}
      </p>
      <blockquote className="quote" lang={input.lang} dir={dirOf(input.lang)}>
        {input.body}
      </blockquote>
      {input.proposedMitigation ? (
        <p>
          <strong>{t("responses:admin.proposed")}</strong> <span lang={input.lang}>{input.proposedMitigation}</span>
        </p>
      ) : null}
      {next ? (
        <p>
          <Link to={`/admin/consultations/${consultation.slug}/responses/${next}`}>{t("responses:admin.skip")}</Link>
        </p>
      ) : null}
      <Form method="post" noValidate className="form">
        <CsrfField />
        <ChoiceGroup
          name="decision"
          type="radio"
          legend={t("responses:public.decision")}
          options={responseDecisions.map((d) => ({ value: d, label: t(`responses:decision.${d}`) }))}
          checked={valuesOf(values, "decision")}
          errors={errors}
        />
        <Field name="reason" label={t("responses:admin.reason")} hint={t("responses:admin.reasonHint", { lang: consultation.lang })} errors={errors}>
          {(p) => <textarea {...p} rows={5} maxLength={4000} lang={consultation.lang} defaultValue={valueOf(values, "reason") ?? ""} />}
        </Field>
        {impacts.length ? (
          <ChoiceGroup
            name="impactIds"
            legend={t("responses:admin.impacts")}
            hint={t("responses:admin.impactsHint")}
            options={impacts.map((m) => ({ value: m.id, label: `#${m.number} ${m.title}` }))}
            checked={valuesOf(values, "impactIds")}
            errors={errors}
          />
        ) : null}
        {similar.length ? (
          <ChoiceGroup
            name="similar"
            legend={t("responses:admin.similar", { count: similar.length })}
            hint={t("responses:admin.similarHint")}
            options={similar.map((s) => ({ value: s.id, label: `${s.excerpt} (${Math.round(s.similarity * 100)}%)`, lang: s.lang }))}
            checked={valuesOf(values, "similar")}
            errors={errors}
          />
        ) : null}
        <button type="submit" className="button">
          {t("responses:admin.save")}
        </button>{" "}
        <button type="submit" name="then" value="next" className="button button--secondary">
          {t("responses:admin.saveNext")}
        </button>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "~/root";
