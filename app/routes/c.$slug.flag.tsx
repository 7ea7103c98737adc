import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { Prose } from "~/components/dossier-view";
import { ModerationPolicy } from "~/components/policy";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicConsultation } from "~/modules/consultations/consultations.server";
import { findBoardInput } from "~/modules/inputs/inputs.server";
import { reportInput } from "~/modules/inputs/moderation.server";
import { moderationReasons, ReportSchema } from "~/modules/inputs/schema";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["inputs", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The input being reported to the moderators (`/c/<slug>/flag?input=<id>`), published in this consultation, or 404. */
async function reported(slug: string, inputId: string | null) {
  const consultation = await getPublicConsultation(slug);
  const input = inputId && /^[0-9a-f-]{36}$/.test(inputId) ? await findBoardInput({ consultationId: consultation.id, inputId }) : null;
  if (!input || input.hiddenReason || input.withdrawn) throw data(null, { status: 404 });
  return { consultation, input };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "report:input");
  const { consultation, input } = await reported(params.slug!, new URL(request.url).searchParams.get("input"));
  return { input: { id: input.id, body: input.body, lang: input.lang }, moderationPolicy: consultation.moderationPolicy, title: tFor(context.locale)("inputs:moderation.report.title") };
}

/** Records the report and goes back to the board with a thank-you; the input stays until a moderator decides. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "report:input")!;
  const { consultation, input } = await reported(params.slug!, new URL(request.url).searchParams.get("input"));
  const values = formValues(await request.formData());
  const parsed = ReportSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await reportInput({ consultationId: consultation.id, inputId: input.id, reporterId: user.id, ...parsed.data });
  if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
  return redirect(`/c/${consultation.slug}?reported=1#input-${input.id}`, 303);
}

export default function Flag() {
  const { input, moderationPolicy } = useLoaderData<typeof loader>();
  const { consultation: c } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("inputs:moderation.report.title")}</h1>
      <p>{t("inputs:moderation.report.intro")}</p>
      <blockquote className="quote">{input.body ? <Prose text={input.body} lang={input.lang} /> : null}</blockquote>
      <ModerationPolicy text={moderationPolicy} lang={c.lang} />
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="form">
        <CsrfField />
        <ChoiceGroup
          name="reason"
          type="radio"
          legend={t("inputs:moderation.report.reason")}
          options={moderationReasons.map((r) => ({ value: r, label: t(`inputs:moderation.reason.${r}`) }))}
          checked={[valueOf(values, "reason") ?? ""]}
          errors={errors}
        />
        <Field name="note" label={t("inputs:moderation.report.note")} hint={t("inputs:moderation.report.noteHint")} errors={errors}>
          {(p) => <textarea {...p} rows={3} maxLength={1000} defaultValue={valueOf(values, "note") ?? ""} />}
        </Field>
        <button type="submit" className="button">
          {t("inputs:moderation.report.submit")}
        </button>
      </Form>
      <p>
        <Link to={`/c/${c.slug}#input-${input.id}`}>{t("consultations:join.back")}</Link>
      </p>
    </>
  );
}
