import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { requireUser } from "~/modules/auth/guards.server";
import { contestDays, contestResponse, getContestable } from "~/modules/responses/contests.server";
import { getResponseConsultation } from "~/modules/responses/responses.server";
import { ContestSchema } from "~/modules/responses/schema";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["responses", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Contesting the answer to one's own input (or one's group's), once: 404 for anyone else. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const consultation = await getResponseConsultation(params.slug!);
  const target = await getContestable({ consultationId: consultation.id, inputId: params.inputId!, userId: user.id });
  return { target, days: await contestDays(consultation.organisationId), title: tFor(context.locale, "responses")("responses:contest.title") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const consultation = await getResponseConsultation(params.slug!);
  const values = formValues(await request.formData());
  const parsed = ContestSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await contestResponse({ consultation, inputId: params.inputId!, userId: user.id, reason: parsed.data.reason });
  if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
  return redirect(`/c/${consultation.slug}/responses?contested=1#response-${params.inputId}`, 303);
}

export default function Contest() {
  const { target, days } = useLoaderData<typeof loader>();
  const { consultation: c } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <p className="eyebrow">
        <Link to={`/c/${c.slug}/responses`}>{t("responses:public.heading")}</Link>
      </p>
      <h1>{t("responses:contest.title")}</h1>
      <blockquote className="quote" lang={target.lang} dir={dirOf(target.lang)}>
        {target.excerpt}
      </blockquote>
      <p>
        <strong>{t(`responses:decision.${target.decision}`)}</strong>: {target.reason}
      </p>
      {target.contested ? (
        <p>{t("responses:errors.alreadyContested")}</p>
      ) : (
        <>
          <p>{t("responses:contest.intro", { days: String(days) })}</p>
          <ErrorSummary errors={errors} labels={{ reason: t("responses:contest.reason") }} />
          <Form method="post" noValidate className="form">
            <CsrfField />
            <Field name="reason" label={t("responses:contest.reason")} hint={t("responses:contest.reasonHint")} errors={errors}>
              {(p) => <textarea {...p} rows={6} maxLength={4000} defaultValue={valueOf(values, "reason") ?? ""} />}
            </Field>
            <button type="submit" className="button">
              {t("responses:contest.submit")}
            </button>
          </Form>
        </>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/root";
