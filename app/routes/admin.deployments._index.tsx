import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { listOrganisations } from "~/modules/auth/auth.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { organisationsWhere } from "~/modules/auth/permissions";
import { createDeployment, listDeploymentsForStaff } from "~/modules/deployments/deployments.server";
import { NewDeploymentSchema, sectors } from "~/modules/deployments/schema";

export const handle = { i18n: ["admin", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "manage:deployment")!;
  const scope = organisationsWhere(user, "manage:deployment");
  const [deployments, organisations] = await Promise.all([listDeploymentsForStaff({ organisationIds: scope }), listOrganisations({ ids: scope })]);
  return { deployments, organisations, title: tFor(context.locale)("admin:deployments.title") };
}

/** Creates a deployment with an empty draft in one of the organisations the person manages. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "manage:deployment")!;
  const values = formValues(await request.formData());
  const parsed = NewDeploymentSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  requirePermission(request, context, "manage:deployment", parsed.data.organisationId);
  const created = await createDeployment({ ...parsed.data, actorId: user.id });
  if (!created.ok) return data({ values, errors: { slug: [created.error] } }, { status: created.status });
  return redirect(`/admin/deployments/${parsed.data.slug}`, 303);
}

export default function Deployments() {
  const { deployments, organisations } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin:deployments.title")}</h1>
      <p>{t("admin:deployments.intro")}</p>
      {deployments.length === 0 ? (
        <p>{t("admin:deployments.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin:deployments.list.name")}</th>
              <th scope="col">{t("admin:deployments.list.organisation")}</th>
              <th scope="col">{t("admin:deployments.list.published")}</th>
            </tr>
          </thead>
          <tbody>
            {deployments.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/admin/deployments/${d.slug}`} aria-label={t("admin:deployments.list.edit", { name: d.name })}>
                    {d.name}
                  </Link>
                </td>
                <td>{d.organisationName}</td>
                <td>
                  {d.publishedVersion ? (
                    <Link to={`/register/${d.slug}`}>{t("admin:deployments.list.publishedVersion", { version: String(d.publishedVersion) })}</Link>
                  ) : (
                    t("admin:deployments.list.notPublished")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="create-heading">
        <h2 id="create-heading">{t("admin:deployments.create.heading")}</h2>
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate className="form">
          <CsrfField />
          <Field name="name" label={t("admin:deployments.create.name")} errors={errors}>
            {(p) => <input {...p} type="text" defaultValue={valueOf(values, "name") ?? ""} />}
          </Field>
          <Field name="slug" label={t("admin:deployments.create.slug")} hint={t("admin:deployments.create.slugHint")} errors={errors}>
            {(p) => <input {...p} type="text" autoCapitalize="none" spellCheck={false} defaultValue={valueOf(values, "slug") ?? ""} />}
          </Field>
          <Field name="organisationId" label={t("admin:deployments.create.organisation")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue={valueOf(values, "organisationId")}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="sector" label={t("admin:deployments.create.sector")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue={valueOf(values, "sector") ?? "other"}>
                {sectors.map((s) => (
                  <option key={s} value={s}>
                    {t(`dossier:sector.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button">
            {t("admin:deployments.create.submit")}
          </button>
        </Form>
      </section>
    </>
  );
}
