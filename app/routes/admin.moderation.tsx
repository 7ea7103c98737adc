import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { Prose } from "~/components/dossier-view";
import { CsrfField, ErrorSummary, Field, IntentButton, valueOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { organisationsWhere } from "~/modules/auth/permissions";
import { listOpenReports, moderateInput, organisationOfInput } from "~/modules/inputs/moderation.server";
import { HideSchema, moderationReasons } from "~/modules/inputs/schema";

export const handle = { i18n: ["admin", "inputs"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "hide:input:any")!;
  const reports = await listOpenReports({ organisationIds: organisationsWhere(user, "hide:input:any") });
  return {
    reports: reports.map((r) => ({ ...r, reportedOn: formatDate(r.firstReportedAt, context.locale) })),
    done: new URL(request.url).searchParams.get("done"),
    title: tFor(context.locale)("inputs:moderation.queue.title"),
  };
}

type ActionData = { inputId: string; values: FormValues; errors: FieldErrors };

/** hide (with a public reason), keep, or restore an input; only within the moderator's organisations. */
export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(request, context, "hide:input:any");
  const values = formValues(await request.formData());
  const inputId = String(values.inputId ?? "");
  const organisationId = /^[0-9a-f-]{36}$/.test(inputId) ? await organisationOfInput(inputId) : null;
  if (!organisationId) throw data(null, { status: 404 });
  const user = requirePermission(request, context, "hide:input:any", organisationId)!;
  const intent = values.intent;
  if (intent === "hide") {
    const parsed = HideSchema.safeParse(values);
    if (!parsed.success) return data<ActionData>({ inputId, values, errors: fieldErrors(parsed.error) }, { status: 400 });
    const result = await moderateInput({ inputId, actorId: user.id, decision: "hide", ...parsed.data });
    if (!result.ok) return data<ActionData>({ inputId, values, errors: { form: [result.error] } }, { status: result.status });
    return redirect("/admin/moderation?done=hidden", 303);
  }
  if (intent === "keep" || intent === "restore") {
    const result = await moderateInput({ inputId, actorId: user.id, decision: intent });
    if (!result.ok) return data<ActionData>({ inputId, values, errors: { form: [result.error] } }, { status: result.status });
    return redirect(`/admin/moderation?done=${intent === "keep" ? "kept" : "restored"}`, 303);
  }
  return data<ActionData>({ inputId, values, errors: { form: ["dossier:errors.choose"] } }, { status: 400 });
}

export default function Moderation() {
  const { reports, done } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("inputs:moderation.queue.title")}</h1>
      <p>{t("inputs:moderation.queue.intro")}</p>
      {done === "hidden" || done === "kept" || done === "restored" ? <Notice>{t(`inputs:moderation.queue.done.${done}`)}</Notice> : null}
      {reports.length === 0 ? <p>{t("inputs:moderation.queue.empty")}</p> : null}
      {reports.map((r) => {
        const mine = action?.inputId === r.inputId;
        const errors = mine ? action.errors : {};
        const values = mine ? action.values : {};
        const field = (name: string) => `${r.inputId}-${name}`;
        const prefixed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === "form" ? k : field(k), v]));
        return (
          <section key={r.inputId} className="form-subsection" aria-labelledby={field("heading")}>
            <h2 id={field("heading")}>
              {t("inputs:moderation.queue.item", { count: r.reports, consultation: r.consultationTitle })}
            </h2>
            <p className="hint">
              {r.reasons.map((x) => t(`inputs:moderation.reason.${x}`)).join(" · ")} · {r.reportedOn} ·{" "}
              <Link to={`/c/${r.consultationSlug}#input-${r.inputId}`}>{t("inputs:moderation.queue.see")}</Link>
            </p>
            <blockquote className="quote">
              <Prose text={r.body} lang={r.lang} />
            </blockquote>
            {r.notes.length ? (
              <ul>
                {r.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            ) : null}
            <ErrorSummary errors={prefixed} />
            {r.status === "hidden" ? (
              <IntentButton intent="restore" fields={{ inputId: r.inputId }}>
                {t("inputs:moderation.queue.restore")}
              </IntentButton>
            ) : (
              <Form method="post" noValidate className="form">
                <CsrfField />
                <input type="hidden" name="intent" value="hide" />
                <input type="hidden" name="inputId" value={r.inputId} />
                <Field name={field("reason")} label={t("inputs:moderation.queue.reason")} errors={prefixed}>
                  {(p) => (
                    <select {...p} name="reason" defaultValue={valueOf(values, "reason") ?? r.reasons[0]}>
                      {moderationReasons.map((x) => (
                        <option key={x} value={x}>
                          {t(`inputs:moderation.reason.${x}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field name={field("note")} label={t("inputs:moderation.queue.note")} hint={t("inputs:moderation.queue.noteHint")} errors={prefixed}>
                  {(p) => <input {...p} name="note" type="text" maxLength={500} defaultValue={valueOf(values, "note") ?? ""} />}
                </Field>
                <button type="submit" className="button button--danger">
                  {t("inputs:moderation.queue.hide")}
                </button>
              </Form>
            )}
            {r.status === "hidden" ? null : (
              <IntentButton intent="keep" fields={{ inputId: r.inputId }}>
                {t("inputs:moderation.queue.keep")}
              </IntentButton>
            )}
          </section>
        );
      })}
    </>
  );
}

export { ErrorBoundary } from "~/root";
