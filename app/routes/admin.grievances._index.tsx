import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { FilterSelect } from "~/components/filter-select";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { can, organisationsWhere } from "~/modules/auth/permissions";
import { grievanceStates } from "~/modules/grievances/constants";
import { listGrievances } from "~/modules/grievances/grievances.server";
import { GrievanceFilterSchema } from "~/modules/grievances/schema";

export const handle = { i18n: ["admin", "grievances"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * The grievance queue of the organisations a lead or admin works for (001 §60): cases owed a step first,
 * by deadline, overdue ones marked; filtered by a plain GET form.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "handle:grievance")!;
  const filter = GrievanceFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await listGrievances({ organisationIds: organisationsWhere(user, "handle:grievance"), filter });
  return {
    filter,
    rows: rows.map((r) => ({ ...r, due: r.dueOn ? formatDate(r.dueOn, context.locale) : null, filed: formatDate(r.createdAt, context.locale) })),
    canSetStages: can(user, "manage:organisation"),
    title: tFor(context.locale, "grievances")("grievances:queue.title"),
  };
}

export default function GrievanceQueue() {
  const { filter, rows, canSetStages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("grievances:queue.title")}</h1>
      <p>{t("grievances:queue.intro")}</p>
      {canSetStages ? (
        <p>
          <Link to="/admin/grievances/settings">{t("grievances:queue.settings")}</Link>
        </p>
      ) : null}
      <form method="get" className="filters">
        <FilterSelect
          name="state"
          label={t("grievances:queue.filterState")}
          any={t("grievances:queue.filterAny")}
          value={filter.state}
          options={grievanceStates.map((s) => ({ value: s, label: t(`grievances:state.${s}`) }))}
        />
        <div className="checkbox">
          <input type="checkbox" id="overdue" name="overdue" value="1" defaultChecked={filter.overdue === "1"} />
          <label htmlFor="overdue">{t("grievances:queue.filterOverdue")}</label>
        </div>
        <button type="submit" className="button button--secondary">
          {t("grievances:queue.apply")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t("grievances:queue.empty")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("grievances:queue.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("grievances:queue.reference")}</th>
              <th scope="col">{t("grievances:queue.system")}</th>
              <th scope="col">{t("grievances:queue.kind")}</th>
              <th scope="col">{t("grievances:queue.state")}</th>
              <th scope="col">{t("grievances:queue.due")}</th>
              <th scope="col">{t("grievances:queue.filed")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-overdue={r.overdue ? "" : undefined}>
                <th scope="row">
                  <Link to={`/admin/grievances/${r.id}`}>{r.reference}</Link>
                  <p className="hint" lang={r.lang} dir={dirOf(r.lang)}>
                    {r.excerpt}
                  </p>
                </th>
                <td>{r.deploymentName}</td>
                <td>{t(`grievances:kindShort.${r.kind}`)}</td>
                <td>{t(`grievances:state.${r.state}`)}</td>
                <td>
                  {r.due}
                  {r.overdue ? <span className="tag tag--risk">{t("grievances:queue.overdue")}</span> : null}
                </td>
                <td>{r.filed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/root";
