import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { listOpenReviewRequests } from "~/modules/assessment/assessment.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { can, organisationsWhere } from "~/modules/auth/permissions";

export const handle = { i18n: ["admin", "assessment"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "view:admin")!;
  // Those who assess a deployment are told here when its assessment must be looked at again (001 §43, §47).
  const reviews = can(user, "edit:assessment") ? await listOpenReviewRequests({ organisationIds: organisationsWhere(user, "edit:assessment") }) : [];
  return {
    name: user.displayName,
    roles: [...new Set(user.roles.map((r) => r.role))],
    reviews: reviews.map((r) => ({ ...r, createdOn: formatDate(r.createdAt, context.locale) })),
    title: tFor(context.locale)("admin:home.title"),
  };
}

export default function AdminHome() {
  const { name, roles, reviews } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin:home.title")}</h1>
      <p>{t("admin:home.welcome", { name })}</p>
      <p>
        {t("admin:home.yourRoles")}: {roles.map((r) => t(`admin:roles.${r}`)).join(", ")}
      </p>
      {reviews.length ? (
        <section className="panel" aria-labelledby="reviews-heading">
          <h2 id="reviews-heading">{t("assessment:admin.reviews")}</h2>
          <ul>
            {reviews.map((r, n) => (
              <li key={n}>
                <Link to={`/admin/assessments/${r.slug}`}>{r.name}</Link>: {t(`assessment:admin.reviewReason.${r.reason}`)} · {r.createdOn}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
