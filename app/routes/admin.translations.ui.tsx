import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, IntentButton, LanguageOptions, useFormState, valueOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { dirOf, isSupportedLng, languageNames, namespaces } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatDate, formatNumber } from "~/lib/format";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { can } from "~/modules/auth/permissions";
import {
  decideSuggestion,
  DecideSuggestionSchema,
  findUiString,
  listSuggestions,
  listUiLanguages,
  suggestFix,
  SuggestFixSchema,
} from "~/modules/translations/ui-strings.server";

export const handle = { i18n: ["admin", "translations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Issue #9: translators suggest fixes to the interface's strings of one language (?lang=), looking a
 * string up by namespace and key (?ns=&key=) to see its English; admins accept or reject them and
 * download the locale file with the accepted ones. Deciding is platform-wide (`manage:ui_strings` with no
 * organisation): the strings are the same for every organisation.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "suggest:ui_string")!;
  const url = new URL(request.url);
  const asked = url.searchParams.get("lang") || null;
  const ns = url.searchParams.get("ns") || null;
  const key = url.searchParams.get("key")?.trim() || null;
  const lang = asked && isSupportedLng(asked) ? asked : null;
  const languages = listUiLanguages().map((l) => ({
    lang: l.lang,
    name: l.name,
    reviewed: l.reviewed,
    reviewedBy: l.reviewedBy,
    translatedBy: l.translatedBy,
    keys: formatNumber(l.keys, context.locale),
    englishKeys: formatNumber(l.englishKeys, context.locale),
  }));
  const suggestions = lang ? await listSuggestions({ lang }) : [];
  const payload = {
    languages,
    lang,
    // An unknown ?lang= is a refused GET form: the chooser again, with its error.
    langError: asked && !lang ? "translations:ui.errors.language" : null,
    ns: ns && (namespaces as readonly string[]).includes(ns) ? ns : null,
    key,
    lookup: lang && ns && key ? findUiString({ lang, namespace: ns, key }) : null,
    suggestions: suggestions.map((s) => ({
      ...s,
      created: formatDate(s.createdAt, context.locale),
      decided: s.decidedAt ? formatDate(s.decidedAt, context.locale) : null,
    })),
    canDecide: can(user, "manage:ui_strings", null),
    title: tFor(context.locale, "translations")("translations:ui.admin.title"),
  };
  return data(payload, { status: payload.langError ? 400 : 200 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "suggest:ui_string")!;
  const values = formValues(await request.formData());

  if (values.intent === "decide") {
    requirePermission(request, context, "manage:ui_strings", null);
    const parsed = DecideSuggestionSchema.safeParse(values);
    if (!parsed.success) return data({ values, errors: { form: ["translations:ui.errors.notFound"] } }, { status: 400 });
    const result = await decideSuggestion({ ...parsed.data, userId: user.id });
    if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
    return redirect(`/admin/translations/ui?lang=${result.lang}&decided=${parsed.data.status}`, 303);
  }

  const parsed = SuggestFixSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await suggestFix({ ...parsed.data, userId: user.id });
  if (!result.ok) return data({ values, errors: { [result.field ?? "form"]: [result.error] } }, { status: result.status });
  return redirect(`/admin/translations/ui?lang=${parsed.data.lang}&suggested=1`, 303);
}

export default function UiStrings() {
  const { languages, lang, langError, ns, key, lookup, suggestions, canDecide } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const deciding = values.intent === "decide";
  const suggestErrors = deciding ? {} : errors;
  const labels: Record<string, string> = {
    lang: t("translations:ui.admin.language"),
    namespace: t("translations:ui.admin.namespace"),
    key: t("translations:ui.admin.key"),
    text: t("translations:ui.admin.text"),
  };
  const current = lang ? languages.find((l) => l.lang === lang)! : null;
  const lookupHref = (namespace: string, k: string) => `/admin/translations/ui?lang=${lang}&ns=${encodeURIComponent(namespace)}&key=${encodeURIComponent(k)}#suggest-heading`;
  return (
    <>
      <h1>{t("translations:ui.admin.title")}</h1>
      <p>{t("translations:ui.admin.intro")}</p>
      {search.get("suggested") ? <Notice>{t("translations:ui.admin.suggested")}</Notice> : null}
      {search.get("decided") === "accepted" ? <Notice>{t("translations:ui.admin.accepted")}</Notice> : null}
      {search.get("decided") === "rejected" ? <Notice>{t("translations:ui.admin.rejected")}</Notice> : null}

      {/* A GET form: the chosen language is in the address, so it works without JavaScript and bookmarks. */}
      <form method="get" className="filters">
        <Field name="lang" label={labels.lang} errors={langError ? { lang: [langError] } : undefined}>
          {(p) => (
            <select {...p} defaultValue={lang ?? ""}>
              {lang ? null : <option value="">{t("translations:ui.admin.chooseLanguage")}</option>}
              <LanguageOptions />
            </select>
          )}
        </Field>
        <button type="submit" className="button button--secondary">
          {t("translations:ui.admin.show")}
        </button>
      </form>

      {!lang || !current ? (
        <table className="table">
          <caption>{t("translations:ui.admin.languagesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("translations:ui.languages.language")}</th>
              <th scope="col">{t("translations:ui.languages.checked")}</th>
              <th scope="col">{t("translations:ui.admin.strings")}</th>
            </tr>
          </thead>
          <tbody>
            {languages.map((l) => (
              <tr key={l.lang}>
                <th scope="row">
                  <Link to={`/admin/translations/ui?lang=${l.lang}`} lang={l.lang} dir={dirOf(l.lang)}>
                    {l.name}
                  </Link>
                </th>
                <td>{l.reviewed ? t("translations:ui.languages.yes") : t("translations:ui.languages.notChecked")}</td>
                <td>{t("translations:ui.admin.stringCount", { done: l.keys, total: l.englishKeys })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          <h2 lang={current.lang} dir={dirOf(current.lang)}>
            {current.name}
          </h2>
          <p>
            {current.reviewed ? t("translations:ui.admin.statusReviewed", { name: current.reviewedBy ?? "" }) : t("translations:ui.admin.statusUnreviewed")}{" "}
            {t("translations:ui.admin.stringCount", { done: current.keys, total: current.englishKeys })}{" "}
            <Link to="/languages">{t("translations:ui.admin.allLanguages")}</Link>
          </p>

          <section aria-labelledby="suggest-heading">
            <h2 id="suggest-heading">{t("translations:ui.admin.suggestHeading")}</h2>
            <p>{t("translations:ui.admin.suggestIntro")}</p>
            <form method="get" className="filters" aria-labelledby="lookup-heading">
              <h3 id="lookup-heading">{t("translations:ui.admin.lookupHeading")}</h3>
              <input type="hidden" name="lang" value={lang} />
              <div className="field field--inline">
                <label className="field__label" htmlFor="lookup-ns">
                  {labels.namespace}
                </label>
                <select id="lookup-ns" name="ns" defaultValue={ns ?? "common"}>
                  {namespaces.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field field--inline">
                <label className="field__label" htmlFor="lookup-key">
                  {labels.key}
                </label>
                <input id="lookup-key" name="key" defaultValue={key ?? ""} dir="ltr" autoComplete="off" spellCheck={false} />
              </div>
              <button type="submit" className="button button--secondary">
                {t("translations:ui.admin.lookup")}
              </button>
            </form>
            {key && ns && !lookup ? <p className="notice notice--error">{t("translations:ui.errors.unknownKey")}</p> : null}
            {lookup ? (
              <dl className="ui-string" data-ui-string={`${ns}:${key}`}>
                <dt>{t("translations:ui.admin.english")}</dt>
                <dd lang="en" dir="ltr" data-english="">
                  {lookup.english}
                </dd>
                <dt>{t("translations:ui.admin.now")}</dt>
                <dd lang={lang} dir={dirOf(lang)}>
                  {lookup.current ?? t("translations:ui.admin.none")}
                </dd>
              </dl>
            ) : null}

            {deciding ? null : <ErrorSummary errors={suggestErrors} labels={labels} />}
            <Form method="post" noValidate className="form">
              <CsrfField />
              <input type="hidden" name="intent" value="suggest" />
              <input type="hidden" name="lang" value={lang} />
              <Field name="namespace" label={labels.namespace} errors={suggestErrors}>
                {(p) => (
                  <select {...p} defaultValue={(!deciding && valueOf(values, "namespace")) || ns || "common"}>
                    {namespaces.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name="key" label={labels.key} hint={t("translations:ui.admin.keyHint")} errors={suggestErrors}>
                {(p) => <input {...p} dir="ltr" autoComplete="off" spellCheck={false} maxLength={200} defaultValue={(!deciding && valueOf(values, "key")) || key || ""} />}
              </Field>
              <Field name="text" label={labels.text} hint={t("translations:ui.admin.textHint")} errors={suggestErrors}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={4}
                    maxLength={2000}
                    lang={lang}
                    dir={dirOf(lang)}
                    defaultValue={(!deciding && valueOf(values, "text")) || lookup?.current || ""}
                  />
                )}
              </Field>
              <button type="submit" className="button">
                {t("translations:ui.admin.submit")}
              </button>
            </Form>
          </section>

          <section aria-labelledby="suggestions-heading">
            <h2 id="suggestions-heading">{t("translations:ui.admin.listHeading")}</h2>
            {deciding ? <ErrorSummary errors={errors} /> : null}
            {suggestions.length === 0 ? (
              <p>{t("translations:ui.admin.empty")}</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t("translations:ui.admin.listCaption", { language: languageNames[lang] })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("translations:ui.admin.string")}</th>
                    <th scope="col">{t("translations:ui.admin.suggestion")}</th>
                    <th scope="col">{t("translations:ui.admin.now")}</th>
                    <th scope="col">{t("translations:ui.admin.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {suggestions.map((s) => (
                    <tr key={s.id} data-suggestion={s.id} data-status={s.status}>
                      <th scope="row">
                        <a href={lookupHref(s.namespace, s.key)} dir="ltr">
                          <code>
                            {s.namespace}:{s.key}
                          </code>
                        </a>
                        {s.english !== null ? (
                          <p className="hint" lang="en" dir="ltr">
                            {s.english}
                          </p>
                        ) : null}
                      </th>
                      <td lang={lang} dir={dirOf(lang)}>
                        {s.text}
                      </td>
                      <td lang={lang} dir={dirOf(lang)}>
                        {s.current ?? ""}
                      </td>
                      <td>
                        <p>
                          {t(`translations:ui.admin.state.${s.status}`)}
                          <br />
                          <small>{t("translations:ui.admin.suggestedBy", { name: s.suggestedBy ?? t("translations:ui.admin.someone"), date: s.created })}</small>
                          {s.decided ? (
                            <>
                              <br />
                              <small>{t("translations:ui.admin.decidedBy", { name: s.decidedBy ?? t("translations:ui.admin.someone"), date: s.decided })}</small>
                            </>
                          ) : null}
                        </p>
                        {canDecide && s.status === "open" ? (
                          <div className="button-row">
                            <IntentButton intent="decide" fields={{ id: s.id, status: "accepted" }} className="button">
                              {t("translations:ui.admin.accept")}
                              <span className="visually-hidden">
                                {" "}
                                {s.namespace}:{s.key}
                              </span>
                            </IntentButton>
                            <IntentButton intent="decide" fields={{ id: s.id, status: "rejected" }}>
                              {t("translations:ui.admin.reject")}
                              <span className="visually-hidden">
                                {" "}
                                {s.namespace}:{s.key}
                              </span>
                            </IntentButton>
                          </div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {canDecide ? (
            <section aria-labelledby="export-heading">
              <h2 id="export-heading">{t("translations:ui.admin.exportHeading")}</h2>
              <p>{t("translations:ui.admin.exportIntro", { lang })}</p>
              <ul>
                {namespaces.map((n) => (
                  <li key={n}>
                    {/* A plain link: the file is a download, not a page for the router. */}
                    <a href={`/admin/translations/ui.json?lang=${lang}&ns=${n}`} download={`${n}.json`}>
                      {t("translations:ui.admin.download", { file: `${n}.json` })}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/root";
