import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { tFor } from "~/i18n.server";
import { listAssessmentsForStaff } from "~/modules/assessment/assessment.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { organisationsWhere } from "~/modules/auth/permissions";

export const handle = { i18n: ["admin", "assessment"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The deployments whose impact assessment this person works on, with each assessment's status. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "edit:assessment")!;
  const rows = await listAssessmentsForStaff({ organisationIds: organisationsWhere(user, "edit:assessment") });
  return { rows, title: tFor(context.locale, "assessment")("assessment:admin.list") };
}

export default function Assessments() {
  const { rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("assessment:admin.list")}</h1>
      <p>{t("assessment:admin.listIntro")}</p>
      {rows.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("assessment:admin.deployment")}</th>
              <th scope="col">{t("assessment:admin.status")}</th>
              <th scope="col">{t("assessment:admin.published")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.slug}>
                <td>
                  <Link to={`/admin/assessments/${r.slug}`}>{r.name}</Link>
                </td>
                <td>{r.status ? t(`assessment:status.${r.status}`) : t("assessment:admin.notStarted")}</td>
                <td>{r.latestVersion ? t("assessment:admin.versionN", { version: String(r.latestVersion) }) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("assessment:admin.none")}</p>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/root";
