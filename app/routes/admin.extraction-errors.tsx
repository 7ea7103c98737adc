import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { listExtractionErrors } from "~/modules/groups/groups.server";

export const handle = { i18n: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Items of written docs that could not be copied into SQL (issue #6, "Extraction"): skipped, listed here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:users");
  const errors = await listExtractionErrors({ limit: 200 });
  return {
    errors: errors.map((e) => ({ ...e, on: formatDate(e.createdAt, context.locale) })),
    title: tFor(context.locale)("admin:extraction.title"),
  };
}

export default function ExtractionErrors() {
  const { errors } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin:extraction.title")}</h1>
      <p>{t("admin:extraction.intro")}</p>
      {errors.length === 0 ? (
        <p>{t("admin:extraction.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin:extraction.when")}</th>
              <th scope="col">{t("admin:extraction.doc")}</th>
              <th scope="col">{t("admin:extraction.item")}</th>
              <th scope="col">{t("admin:extraction.error")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <tr key={e.id}>
                <td>{e.on}</td>
                <td translate="no">{e.doc}</td>
                <td translate="no">{e.itemId}</td>
                <td translate="no">{e.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/root";
