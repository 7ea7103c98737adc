import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, IntentButton, useFormState, valueOf } from "~/components/forms";
import { FilterSelect } from "~/components/filter-select";
import { dirOf, isSupportedLng, languageNames, supportedLngs, type Lng } from "~/i18n";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermission, requirePermissionInOrganisationOf } from "~/modules/auth/guards.server";
import { GlossaryTermSchema } from "~/modules/translations/schema";
import { addGlossaryTerm, findDeploymentBySlug, listGlossary, removeGlossaryTerm } from "~/modules/translations/workflow.server";

export const handle = { i18n: ["admin", "translations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The deployment and language asked for (?deployment=&lang=), for translators of its organisation. */
async function glossaryOf(request: Request, context: Parameters<typeof requirePermissionInOrganisationOf>[1]) {
  const url = new URL(request.url);
  const slug = url.searchParams.get("deployment") ?? "";
  const found: { deployment: Awaited<ReturnType<typeof findDeploymentBySlug>> } = { deployment: null };
  const user = await requirePermissionInOrganisationOf(request, context, "edit:translation", async () => {
    found.deployment = await findDeploymentBySlug(slug);
    return found.deployment?.organisationId ?? null;
  });
  const asked = url.searchParams.get("lang") ?? "";
  if (asked && !isSupportedLng(asked)) throw data(null, { status: 400 });
  return { user, deployment: found.deployment!, slug, lang: asked || null };
}

/**
 * A deployment's glossary (issue #9): the agreed translation of terms such as "automated decision" in each
 * language, shown beside the editor so every translator uses the same words.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "edit:translation");
  const { deployment, slug, lang } = await glossaryOf(request, context);
  return {
    slug,
    deployment: { name: deployment.name, lang: deployment.lang },
    lang,
    terms: lang ? await listGlossary({ deploymentId: deployment.id, lang }) : [],
    title: tFor(context.locale, "translations")("translations:glossary.title"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(request, context, "edit:translation");
  const { user, deployment, slug, lang } = await glossaryOf(request, context);
  if (!lang) throw data(null, { status: 400 });
  const values = formValues(await request.formData());
  const back = redirect(`/admin/translations/glossary?deployment=${slug}&lang=${lang}`, 303);
  if (values.intent === "remove") {
    await removeGlossaryTerm({ deploymentId: deployment.id, id: String(values.id ?? "") });
    return back;
  }
  const parsed = GlossaryTermSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const added = await addGlossaryTerm({ deploymentId: deployment.id, lang, ...parsed.data, userId: user.id });
  if (!added.ok) return data({ values, errors: { term: [added.error] } }, { status: added.status });
  return back;
}

export default function Glossary() {
  const { slug, deployment, lang, terms } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <p className="eyebrow">
        <Link to="/admin/translations">{t("translations:queue.title")}</Link>
      </p>
      <h1>{t("translations:glossary.title")}</h1>
      <p>
        {t("translations:glossary.intro")} <span lang={deployment.lang}>{deployment.name}</span>
      </p>
      <form method="get" className="filters">
        <input type="hidden" name="deployment" value={slug} />
        <FilterSelect name="lang" label={t("translations:queue.lang")} any={t("translations:queue.choose")} value={lang ?? undefined} options={supportedLngs.filter((l) => l !== deployment.lang).map((l) => ({ value: l, label: languageNames[l] }))} />
        <button type="submit" className="button button--secondary">
          {t("translations:queue.apply")}
        </button>
      </form>
      {lang ? (
        <>
          {terms.length === 0 ? (
            <p>{t("translations:glossary.none")}</p>
          ) : (
            <table className="table" data-glossary="">
              <caption className="visually-hidden">{t("translations:glossary.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("translations:glossary.term")}</th>
                  <th scope="col">{t("translations:glossary.translation", { language: languageNames[lang as Lng] })}</th>
                  <th scope="col">{t("translations:glossary.note")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("translations:glossary.remove")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {terms.map((g) => (
                  <tr key={g.id}>
                    <th scope="row" lang={deployment.lang}>
                      {g.term}
                    </th>
                    <td lang={lang} dir={dirOf(lang)}>
                      {g.translation}
                    </td>
                    <td>{g.note}</td>
                    <td>
                      <IntentButton intent="remove" fields={{ id: g.id }}>
                        {t("translations:glossary.remove")}
                      </IntentButton>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t("translations:glossary.add")}</h2>
          <ErrorSummary errors={errors} labels={{ term: t("translations:glossary.term"), translation: t("translations:glossary.translation", { language: languageNames[lang as Lng] }) }} />
          <Form method="post" noValidate className="form">
            <CsrfField />
            <Field name="term" label={t("translations:glossary.term")} errors={errors}>
              {(p) => <input {...p} lang={deployment.lang} maxLength={200} defaultValue={valueOf(values, "term") ?? ""} />}
            </Field>
            <Field name="translation" label={t("translations:glossary.translation", { language: languageNames[lang as Lng] })} errors={errors}>
              {(p) => <input {...p} lang={lang} dir={dirOf(lang)} maxLength={200} defaultValue={valueOf(values, "translation") ?? ""} />}
            </Field>
            <Field name="note" label={t("translations:glossary.note")} errors={errors}>
              {(p) => <input {...p} maxLength={500} defaultValue={valueOf(values, "note") ?? ""} />}
            </Field>
            <button type="submit" className="button">
              {t("translations:glossary.add")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
