import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, KeyedOptions, LanguageOptions, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { formatDateTime } from "~/lib/time-zone";
import { requirePermission } from "~/modules/auth/guards.server";
import { organisationsWhere } from "~/modules/auth/permissions";
import { createConsultation, listConsultationsForStaff } from "~/modules/consultations/manage.server";
import { NewConsultationSchema } from "~/modules/consultations/schema";
import { getDeploymentForEditing, listDeploymentsForStaff } from "~/modules/deployments/deployments.server";
import { lifecycleStages } from "~/modules/deployments/schema";

export const handle = { i18n: ["admin", "dossier", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "manage:consultation")!;
  const scope = organisationsWhere(user, "manage:consultation");
  const [consultations, deployments] = await Promise.all([listConsultationsForStaff({ organisationIds: scope }), listDeploymentsForStaff({ organisationIds: scope })]);
  return {
    consultations: consultations.map((c) => ({
      ...c,
      closesText: c.closesAt ? formatDateTime(c.closesAt, context.locale, context.timeZone ?? c.timeZone) : null,
    })),
    deployments: deployments.map((d) => ({ slug: d.slug, name: d.name })),
    locale: context.locale,
    title: tFor(context.locale)("admin:consultations.title"),
  };
}

/** Creates a draft consultation of a deployment the person manages, then opens its settings. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "manage:consultation")!;
  const values = formValues(await request.formData());
  const parsed = NewConsultationSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const deployment = await getDeploymentForEditing(String(values.deploymentSlug ?? "")).catch(() => null);
  if (!deployment) return data({ values, errors: { deploymentSlug: ["dossier:errors.choose"] } }, { status: 400 });
  requirePermission(request, context, "manage:consultation", deployment.organisationId);
  const created = await createConsultation({ ...parsed.data, deploymentId: deployment.id, actorId: user.id });
  if (!created.ok) return data({ values, errors: { slug: [created.error] } }, { status: created.status });
  return redirect(`/admin/consultations/${parsed.data.slug}`, 303);
}

export default function Consultations() {
  const { consultations, deployments, locale } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin:consultations.title")}</h1>
      <p>{t("admin:consultations.intro")}</p>
      {consultations.length === 0 ? (
        <p>{t("admin:consultations.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin:consultations.list.title")}</th>
              <th scope="col">{t("admin:consultations.list.deployment")}</th>
              <th scope="col">{t("admin:consultations.list.status")}</th>
              <th scope="col">{t("admin:consultations.list.closes")}</th>
            </tr>
          </thead>
          <tbody>
            {consultations.map((c) => (
              <tr key={c.slug}>
                <td>
                  <Link to={`/admin/consultations/${c.slug}`}>{c.title}</Link>
                </td>
                <td>{c.deploymentName}</td>
                <td>{t(`consultations:status.${c.status}`)}</td>
                <td>{c.closesText ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="create-heading">
        <h2 id="create-heading">{t("admin:consultations.create.heading")}</h2>
        {deployments.length === 0 ? (
          <p>{t("admin:consultations.create.noDeployment")}</p>
        ) : (
          <>
            <ErrorSummary errors={errors} />
            <Form method="post" noValidate className="form">
              <CsrfField />
              <Field name="deploymentSlug" label={t("admin:consultations.create.deployment")} errors={errors}>
                {(p) => (
                  <select {...p} defaultValue={valueOf(values, "deploymentSlug")}>
                    {deployments.map((d) => (
                      <option key={d.slug} value={d.slug}>
                        {d.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name="title" label={t("admin:consultations.settings.title")} errors={errors}>
                {(p) => <input {...p} type="text" defaultValue={valueOf(values, "title") ?? ""} />}
              </Field>
              <Field name="slug" label={t("admin:consultations.create.slug")} hint={t("admin:consultations.create.slugHint")} errors={errors}>
                {(p) => <input {...p} type="text" autoCapitalize="none" spellCheck={false} defaultValue={valueOf(values, "slug") ?? ""} />}
              </Field>
              <Field name="summary" label={t("admin:consultations.settings.summary")} errors={errors}>
                {(p) => <textarea {...p} rows={3} defaultValue={valueOf(values, "summary") ?? ""} />}
              </Field>
              <Field name="lang" label={t("admin:consultations.settings.lang")} errors={errors}>
                {(p) => (
                  <select {...p} defaultValue={valueOf(values, "lang") ?? locale}>
                    <LanguageOptions />
                  </select>
                )}
              </Field>
              <Field name="lifecycleStage" label={t("admin:consultations.settings.stage")} errors={errors}>
                {(p) => (
                  <select {...p} defaultValue={valueOf(values, "lifecycleStage") ?? "design"}>
                    <KeyedOptions values={lifecycleStages} prefix="consultations:stage." />
                  </select>
                )}
              </Field>
              <button type="submit" className="button">
                {t("admin:consultations.create.submit")}
              </button>
            </Form>
          </>
        )}
      </section>
    </>
  );
}

export { ErrorBoundary } from "~/root";
