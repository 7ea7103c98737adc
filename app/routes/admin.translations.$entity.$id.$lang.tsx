import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { TFunction } from "~/lib/i18n-core";
import { useTranslation } from "~/lib/i18n-react";
import { labelForPath } from "~/components/dossier-diff";
import { CsrfField, ErrorSummary, useFormState, valueOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { dirOf, isSupportedLng, languageNames, type Lng } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formValues } from "~/lib/forms";
import { requirePermission, requirePermissionInOrganisationOf } from "~/modules/auth/guards.server";
import { can } from "~/modules/auth/permissions";
import { choiceLetter } from "~/modules/consultations/constants";
import { translatedEntities, type TranslatedEntity } from "~/modules/translations/constants";
import { getEditorItem, organisationOfDeployment, type EditorItem, reviewTranslation, saveHumanTranslation } from "~/modules/translations/workflow.server";

export const handle = { i18n: ["admin", "translations", "consultations", "dossier"] };

/** A field's label: its name, a question's choice by letter, or where a dossier's text sits in the dossier. */
function fieldLabel(t: TFunction, entity: string, field: string): string {
  if (entity === "deployment") return labelForPath(field, t);
  const [name, index] = field.split(".");
  return name === "choice" ? t("translations:field.choice", { letter: choiceLetter(Number(index)) }) : t(`translations:field.${field}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The item asked for, its language checked, and the staff member allowed to translate in its organisation. */
async function editable(request: Request, context: Parameters<typeof requirePermissionInOrganisationOf>[1], params: Record<string, string | undefined>) {
  const entity = translatedEntities.find((e) => e === params.entity) as TranslatedEntity | undefined;
  const lang = params.lang ?? "";
  const found: { item: EditorItem | null } = { item: null };
  const user = await requirePermissionInOrganisationOf(request, context, "edit:translation", async () => {
    if (!entity || !isSupportedLng(lang)) return null;
    found.item = await getEditorItem({ entity, entityId: params.id!, lang });
    return found.item ? organisationOfDeployment(found.item.source.deploymentId) : null;
  });
  if (!found.item || !entity) throw data(null, { status: 404 });
  return { user, entity, lang, item: found.item };
}

/**
 * The side-by-side editor (issue #9): each field's original beside its translation, the glossary's agreed
 * terms beside them, save as a draft or as finished, and a second translator's review. No JavaScript needed.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "edit:translation");
  const { user, entity, lang, item } = await editable(request, context, params);
  const translatedByMe = item.fields.some((f) => f.state === "translated" && f.translation?.translatedBy === user.id);
  return {
    entity,
    entityId: item.source.entityId,
    lang,
    sourceLang: item.source.lang,
    consultationSlug: item.source.consultationSlug,
    state: item.state,
    fields: item.fields.map((f) => ({
      field: f.field,
      source: f.source,
      sourceHash: f.sourceHash,
      text: f.translation?.text ?? "",
      state: f.state,
      translator: f.translation?.translatorName ?? null,
      reviewer: f.translation?.reviewerName ?? null,
      reviewNote: f.translation?.reviewNote ?? null,
    })),
    glossary: item.glossary,
    canReview: can(user, "review:translation") && item.state === "translated" && !translatedByMe,
    ownWork: item.state === "translated" && translatedByMe,
    title: tFor(context.locale, "translations")("translations:editor.title", { language: languageNames[lang as Lng] }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "edit:translation");
  const { user, entity, lang, item } = await editable(request, context, params);
  const values = formValues(await request.formData());
  const intent = String(values.intent ?? "");
  const back = (done: string) => redirect(`/admin/translations/${entity}/${item.source.entityId}/${lang}?done=${done}`, 303);
  if (intent === "approve" || intent === "return") {
    const reviewed = await reviewTranslation({ entity, entityId: item.source.entityId, lang, decision: intent, note: String(values.note ?? "").trim().slice(0, 2000) || undefined, userId: user.id });
    if (!reviewed.ok) return data({ values, errors: { form: [reviewed.error] } }, { status: reviewed.status });
    return back(intent);
  }
  if (intent !== "draft" && intent !== "finish") return data({ values, errors: { form: ["translations:errors.intent"] } }, { status: 400 });
  const texts: Record<string, string> = {};
  const hashes: Record<string, string> = {};
  for (const f of item.fields) {
    const text = values[`text_${f.field}`];
    if (typeof text === "string") texts[f.field] = text.slice(0, 20_000);
    hashes[f.field] = String(values[`hash_${f.field}`] ?? "");
  }
  const saved = await saveHumanTranslation({ entity, entityId: item.source.entityId, lang, texts, hashes, finished: intent === "finish", userId: user.id });
  if (!saved.ok) {
    // Errors beside the fields they concern; what was typed goes back into the page.
    const errors: Record<string, string[]> = { form: [saved.error] };
    for (const f of "fields" in saved && saved.fields ? saved.fields : []) errors[`text_${f}`] = [saved.error];
    return data({ values, errors }, { status: saved.status });
  }
  return back(intent);
}

export default function TranslationEditor() {
  const { entity, lang, sourceLang, consultationSlug, state, fields, glossary, canReview, ownWork } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const done = search.get("done");
  const language = languageNames[lang as Lng] ?? lang;
  const original = languageNames[sourceLang as Lng] ?? sourceLang;
  return (
    <>
      <p className="eyebrow">
        <Link to={`/admin/translations?${consultationSlug ? `consultation=${consultationSlug}&` : ""}lang=${lang}`}>{t("translations:queue.title")}</Link>
      </p>
      <h1>{t("translations:editor.title", { language })}</h1>
      <p>
        {t(`translations:entity.${entity}`)} · <strong data-item-state={state}>{t(`translations:state.${state}`)}</strong>
      </p>
      {done ? <Notice>{t(`translations:editor.done.${done}`)}</Notice> : null}
      <ErrorSummary errors={errors} labels={Object.fromEntries(fields.map((f) => [`text_${f.field}`, fieldLabel(t, entity, f.field)]))} />
      <div className="editor">
        <Form method="post" noValidate className="form editor__main">
          <CsrfField />
          {fields.map((f) => {
            const name = `text_${f.field}`;
            const error = errors[name]?.[0];
            return (
              <fieldset key={f.field} className="editor__field" data-state={f.state} data-invalid={error ? "" : undefined}>
                <legend>
                  {fieldLabel(t, entity, f.field)} · {t(`translations:state.${f.state}`)}
                </legend>
                <input type="hidden" name={`hash_${f.field}`} value={f.sourceHash} />
                <div className="editor__pair">
                  <div>
                    <p className="field__label">
                      {t("translations:editor.original", { language: original })}
                    </p>
                    <p className="editor__source prose" lang={sourceLang} dir={dirOf(sourceLang)}>
                      {f.source}
                    </p>
                  </div>
                  <div>
                    <label className="field__label" htmlFor={name}>
                      {t("translations:editor.translation", { language })}
                    </label>
                    {error ? (
                      <p className="field__error" id={`${name}-error`}>
                        {t(error)}
                      </p>
                    ) : null}
                    <textarea
                      id={name}
                      name={name}
                      lang={lang}
                      dir={dirOf(lang)}
                      rows={Math.min(20, Math.max(3, Math.ceil(f.source.length / 70)))}
                      maxLength={20000}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${name}-error` : undefined}
                      defaultValue={valueOf(values, name) ?? f.text}
                    />
                    {f.translator ? <p className="hint">{t("translations:editor.by", { name: f.translator })}</p> : null}
                    {f.reviewer && f.state === "reviewed" ? <p className="hint">{t("translations:editor.reviewedBy", { name: f.reviewer })}</p> : null}
                    {f.reviewNote && f.state === "draft" ? (
                      <p className="notice notice--risk">
                        {t("translations:editor.returned")} {f.reviewNote}
                      </p>
                    ) : null}
                  </div>
                </div>
              </fieldset>
            );
          })}
          <p className="hint">{t("translations:editor.plainText")}</p>
          <div className="actions">
            <button type="submit" name="intent" value="finish" className="button">
              {t("translations:editor.finish")}
            </button>{" "}
            <button type="submit" name="intent" value="draft" className="button button--secondary">
              {t("translations:editor.draft")}
            </button>
          </div>
        </Form>
        <aside className="editor__glossary panel" aria-labelledby="glossary-heading">
          <h2 id="glossary-heading">{t("translations:glossary.title")}</h2>
          {glossary.length === 0 ? (
            <p>{t("translations:glossary.noneHere")}</p>
          ) : (
            <dl>
              {glossary.map((g) => (
                <div key={g.id}>
                  <dt lang={sourceLang}>{g.term}</dt>
                  <dd lang={lang} dir={dirOf(lang)}>
                    {g.translation}
                    {g.note ? <span className="hint"> {g.note}</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </aside>
      </div>
      {canReview ? (
        <section aria-labelledby="review-heading" className="panel">
          <h2 id="review-heading">{t("translations:review.heading")}</h2>
          <p>{t("translations:review.intro")}</p>
          <Form method="post" className="form">
            <CsrfField />
            <label className="field__label" htmlFor="note">
              {t("translations:review.note")}
            </label>
            <textarea id="note" name="note" rows={3} maxLength={2000} defaultValue={valueOf(values, "note") ?? ""} />
            <div className="actions">
              <button type="submit" name="intent" value="approve" className="button">
                {t("translations:review.approve")}
              </button>{" "}
              <button type="submit" name="intent" value="return" className="button button--secondary">
                {t("translations:review.return")}
              </button>
            </div>
          </Form>
        </section>
      ) : ownWork ? (
        <p>{t("translations:review.ownWork")}</p>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
