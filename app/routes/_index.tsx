import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { formatDate } from "~/lib/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { listOpenConsultations } from "~/modules/consultations/consultations.server";
import { tFor } from "~/i18n.server";
import { dirOf } from "~/i18n";

// A list of links: no script (root.tsx).
export const handle = { i18n: ["common", "consultations"], scripts: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const consultations = (await listOpenConsultations({ limit: 50 })).map((c) => ({
    ...c,
    closesOnText: c.closesAt ? formatDate(c.closesAt, context.locale) : null,
  }));
  return { consultations, title: tFor(context.locale)("common:home.title") };
}

export default function Home() {
  const { consultations } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("common:home.title")}</h1>
      <p className="lead">{t("common:home.intro")}</p>
      {consultations.length === 0 ? (
        <p>{t("common:home.none")}</p>
      ) : (
        <>
        <p>{t("common:home.count", { count: consultations.length })}</p>
        <ul className="card-list">
          {consultations.map((c) => (
            <li key={c.id} className="card">
              <h2 className="card__title" lang={c.lang} dir={dirOf(c.lang)}>
                <Link to={`/c/${c.slug}`}>{c.title}</Link>
              </h2>
              <p className="card__meta">
                <span lang={c.lang} dir={dirOf(c.lang)}>{c.organisationName}</span>
                {" · "}
                {c.closesOnText ? t("consultations:closesOn", { date: c.closesOnText }) : t("consultations:noClosingDate")}
              </p>
            </li>
          ))}
        </ul>
        </>
      )}
    </>
  );
}
