import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { requirePermission } from "~/modules/auth/guards.server";
import { can } from "~/modules/auth/permissions";

export const handle = { i18n: ["admin"] };

/** Every staff page sits under this layout; staff roles are checked again by each page's own loader. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "view:admin")!;
  return { canManageUsers: can(user, "manage:users"), canManageDeployments: can(user, "manage:deployment"), canManageConsultations: can(user, "manage:consultation"), canModerate: can(user, "hide:input:any"), canAssess: can(user, "edit:assessment"), canHandleGrievances: can(user, "handle:grievance"), canTranslate: can(user, "edit:translation") };
}

export default function AdminLayout() {
  const { canManageUsers, canManageDeployments, canManageConsultations, canModerate, canAssess, canHandleGrievances, canTranslate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="admin">
      <nav aria-label={t("admin:nav.label")} className="admin__nav">
        <ul>
          <li>
            <NavLink to="/admin" end>
              {t("admin:nav.home")}
            </NavLink>
          </li>
          {canManageDeployments ? (
            <li>
              <NavLink to="/admin/deployments">{t("admin:nav.deployments")}</NavLink>
            </li>
          ) : null}
          {canManageConsultations ? (
            <li>
              <NavLink to="/admin/consultations">{t("admin:nav.consultations")}</NavLink>
            </li>
          ) : null}
          {canAssess ? (
            <li>
              <NavLink to="/admin/assessments">{t("admin:nav.assessments")}</NavLink>
            </li>
          ) : null}
          {canTranslate ? (
            <li>
              <NavLink to="/admin/translations">{t("admin:nav.translations")}</NavLink>
            </li>
          ) : null}
          {canHandleGrievances ? (
            <li>
              <NavLink to="/admin/grievances">{t("admin:nav.grievances")}</NavLink>
            </li>
          ) : null}
          {canModerate ? (
            <li>
              <NavLink to="/admin/moderation">{t("admin:nav.moderation")}</NavLink>
            </li>
          ) : null}
          {canManageUsers ? (
            <li>
              <NavLink to="/admin/users">{t("admin:nav.users")}</NavLink>
            </li>
          ) : null}
          {canManageUsers ? (
            <li>
              <NavLink to="/admin/extraction-errors">{t("admin:nav.extraction")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export { ErrorBoundary } from "~/root";
