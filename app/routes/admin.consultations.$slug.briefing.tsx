import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/notice";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, IntentButton } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import {
  addQuestion,
  addSection,
  deleteQuestion,
  deleteSection,
  getBriefingPack,
  moveSection,
  updateQuestion,
  updateSection,
} from "~/modules/consultations/briefing.server";
import { getConsultationForEditing } from "~/modules/consultations/manage.server";
import { dossierSections, NewSectionSchema, QuestionSchema, questionKinds, SectionSchema } from "~/modules/consultations/schema";

export const handle = { i18n: ["admin", "dossier", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The consultation, or 404; then the permission again, within the organisation that owns it. */
async function requireEditable(request: Request, context: Parameters<typeof requirePermission>[1], slug: string) {
  // Drafts too: the briefing is written before the consultation opens.
  const consultation = await getConsultationForEditing(slug);
  requirePermission(request, context, "manage:consultation", consultation.organisationId);
  return { consultation };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:consultation");
  const { consultation } = await requireEditable(request, context, params.slug!);
  const pack = await getBriefingPack({ consultationId: consultation.id, deploymentId: consultation.deploymentId });
  return {
    consultation,
    sections: pack.sections,
    questions: pack.questions,
    saved: new URL(request.url).searchParams.get("saved") === "1",
    title: tFor(context.locale)("admin:briefing.title", { title: consultation.title }),
  };
}

/** Which form failed, so its errors and typed text show in that form only. */
type ActionData = { form: string; values: FormValues; errors: FieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "manage:consultation");
  const { consultation } = await requireEditable(request, context, params.slug!);
  const values = formValues(await request.formData());
  const intent = String(values.intent ?? "");
  const id = String(values.id ?? "");
  const consultationId = consultation.id;
  const done = () => redirect(`/admin/consultations/${consultation.slug}/briefing?saved=1`, 303);
  const refuse = (form: string, errors: FieldErrors, status = 400) => data<ActionData>({ form, values, errors }, { status });

  switch (intent) {
    case "addSection": {
      const parsed = NewSectionSchema.safeParse(values);
      if (!parsed.success) return refuse("addSection", fieldErrors(parsed.error));
      await addSection({ consultationId, title: parsed.data.title, dossierSection: parsed.data.source === "free" ? null : parsed.data.source });
      return done();
    }
    case "updateSection": {
      const parsed = SectionSchema.safeParse(values);
      if (!parsed.success) return refuse(`section-${id}`, fieldErrors(parsed.error));
      await updateSection({ consultationId, id, ...parsed.data });
      return done();
    }
    case "moveUp":
    case "moveDown":
      await moveSection({ consultationId, id, direction: intent === "moveUp" ? "up" : "down" });
      return done();
    case "deleteSection":
      await deleteSection({ consultationId, id });
      return done();
    case "addQuestion":
    case "updateQuestion": {
      const form = intent === "addQuestion" ? "addQuestion" : `question-${id}`;
      const parsed = QuestionSchema.safeParse(values);
      if (!parsed.success) return refuse(form, fieldErrors(parsed.error));
      const result = intent === "addQuestion" ? await addQuestion({ consultationId, ...parsed.data }) : await updateQuestion({ consultationId, id, ...parsed.data });
      if (!result.ok) return refuse(form, { code: [result.error] }, result.status);
      return done();
    }
    case "deleteQuestion":
      await deleteQuestion({ consultationId, id });
      return done();
    default:
      return refuse("form", { form: ["dossier:errors.choose"] });
  }
}

export default function BriefingEditor() {
  const { consultation: c, sections, questions, saved } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  // The failed form shows what was typed and its errors; every other form shows what is saved.
  const stateOf = (form: string) => (action?.form === form ? { values: action.values, errors: action.errors } : { values: null, errors: {} as FieldErrors });
  const text = (v: FormValues | null, name: string, saved: string) => (v ? String(v[name] ?? "") : saved);

  return (
    <>
      <h1>{t("admin:briefing.title", { title: c.title })}</h1>
      {saved ? (
        <Notice>{t("admin:briefing.saved")}</Notice>
      ) : null}
      <p>{t("admin:briefing.intro")}</p>

      <h2>{t("admin:briefing.sections")}</h2>
      {sections.map((s, i) => {
        const n = String(i + 1);
        const { values, errors } = stateOf(`section-${s.id}`);
        const field = (name: string) => `section-${s.id}-${name}`;
        return (
          <section key={s.id} className="form-subsection" aria-labelledby={`${field("heading")}`}>
            <h3 id={field("heading")}>
              {n}. {s.title}
            </h3>
            <ErrorSummary errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [field(k), v]))} />
            <Form method="post" noValidate className="form">
              <CsrfField />
              <input type="hidden" name="intent" value="updateSection" />
              <input type="hidden" name="id" value={s.id} />
              {(["title", "body", "plain", "easyRead"] as const).map((name) =>
                name === "body" && s.dossierSection ? (
                  <p key={name} className="hint">
                    {t("admin:briefing.section.fromDossier", { section: t(`dossier:section.${s.dossierSection}`) })}
                  </p>
                ) : (
                  <Field
                    key={name}
                    name={field(name)}
                    label={t(`admin:briefing.section.${name}`)}
                    hint={name === "easyRead" ? t("admin:briefing.section.easyReadHint") : undefined}
                    errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [field(k), v]))}
                  >
                    {(p) =>
                      name === "title" ? (
                        <input {...p} name={name} type="text" defaultValue={text(values, name, s.title)} />
                      ) : (
                        <textarea {...p} name={name} rows={name === "body" ? 6 : 4} defaultValue={text(values, name, s[name])} />
                      )
                    }
                  </Field>
                ),
              )}
              <button type="submit" className="button">
                {t("admin:briefing.section.save", { number: n })}
              </button>
            </Form>
            {(
              [
                ["moveUp", i > 0],
                ["moveDown", i < sections.length - 1],
                ["delete", true],
              ] as const
            ).map(([what, shown]) =>
              shown ? (
                <IntentButton key={what} intent={what === "delete" ? "deleteSection" : what} fields={{ id: s.id }}>
                  {t(`admin:briefing.section.${what}`, { number: n })}
                </IntentButton>
              ) : null,
            )}
          </section>
        );
      })}

      <section aria-labelledby="add-section-heading">
        <h3 id="add-section-heading">{t("admin:briefing.add.heading")}</h3>
        {(() => {
          const { values, errors } = stateOf("addSection");
          return (
            <Form method="post" noValidate className="form">
              <CsrfField />
              <input type="hidden" name="intent" value="addSection" />
              <ErrorSummary errors={errors} />
              <Field name="source" label={t("admin:briefing.add.source")} errors={errors}>
                {(p) => (
                  <select {...p} defaultValue={values ? String(values.source ?? "free") : "free"}>
                    <option value="free">{t("admin:briefing.add.free")}</option>
                    {dossierSections.map((d) => (
                      <option key={d} value={d}>
                        {t(`dossier:section.${d}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name="title" label={t("admin:briefing.section.title")} errors={errors}>
                {(p) => <input {...p} type="text" defaultValue={values ? String(values.title ?? "") : ""} />}
              </Field>
              <button type="submit" className="button">
                {t("admin:briefing.add.submit")}
              </button>
            </Form>
          );
        })()}
      </section>

      <h2>{t("admin:briefing.questions.heading")}</h2>
      {[...questions.map((q) => ({ key: `question-${q.id}`, q })), { key: "addQuestion", q: null }].map(({ key, q }) => {
        const { values, errors } = stateOf(key);
        const field = (name: string) => `${key}-${name}`;
        const prefixed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [field(k), v]));
        return (
          <section key={key} className="form-subsection" aria-labelledby={field("heading")}>
            <h3 id={field("heading")}>{q ? `${q.code} · ${q.prompt}` : t("admin:briefing.questions.addHeading")}</h3>
            <ErrorSummary errors={prefixed} />
            <Form method="post" noValidate className="form">
              <CsrfField />
              <input type="hidden" name="intent" value={q ? "updateQuestion" : "addQuestion"} />
              {q ? <input type="hidden" name="id" value={q.id} /> : null}
              <Field name={field("code")} label={t("admin:briefing.questions.code")} hint={t("admin:briefing.questions.codeHint")} errors={prefixed}>
                {(p) => <input {...p} name="code" type="text" autoCapitalize="characters" defaultValue={text(values, "code", q?.code ?? "")} />}
              </Field>
              <Field name={field("prompt")} label={t("admin:briefing.questions.prompt")} errors={prefixed}>
                {(p) => <textarea {...p} name="prompt" rows={2} defaultValue={text(values, "prompt", q?.prompt ?? "")} />}
              </Field>
              <Field name={field("hint")} label={t("admin:briefing.questions.hint")} errors={prefixed}>
                {(p) => <textarea {...p} name="hint" rows={2} defaultValue={text(values, "hint", q?.hint ?? "")} />}
              </Field>
              <Field name={field("kind")} label={t("admin:briefing.questions.kind")} errors={prefixed}>
                {(p) => (
                  <select {...p} name="kind" defaultValue={text(values, "kind", q?.kind ?? "open")}>
                    {questionKinds.map((k) => (
                      <option key={k} value={k}>
                        {t(`admin:briefing.questions.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name={field("choices")} label={t("admin:briefing.questions.choices")} hint={t("admin:briefing.questions.choicesHint")} errors={prefixed}>
                {(p) => <textarea {...p} name="choices" rows={4} defaultValue={text(values, "choices", (q?.choices ?? []).join("\n"))} />}
              </Field>
              <button type="submit" className="button">
                {q ? t("admin:briefing.questions.save", { code: q.code }) : t("admin:briefing.questions.add")}
              </button>
            </Form>
            {q ? (
              <IntentButton intent="deleteQuestion" fields={{ id: q.id }}>
                {t("admin:briefing.questions.delete", { code: q.code })}
              </IntentButton>
            ) : null}
          </section>
        );
      })}
    </>
  );
}

export { ErrorBoundary } from "~/root";
