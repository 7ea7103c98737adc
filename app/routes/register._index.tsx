import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { FilterSelect } from "~/components/filter-select";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { listRegister, listRegisterOrganisations } from "~/modules/deployments/deployments.server";
import { lifecycleStages, operationalStatuses, RegisterFilterSchema, sectors } from "~/modules/deployments/schema";

export const handle = { i18n: ["register", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const PAGE = 25;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const url = new URL(request.url);
  // Unknown or malformed filter values are ignored, not an error: a shared link keeps working.
  const filter = RegisterFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [rows, organisations] = await Promise.all([listRegister(filter, { limit: PAGE }), listRegisterOrganisations()]);
  const page = filter.page ?? 1;
  const pageLink = (n: number) => {
    const params = new URLSearchParams(url.searchParams);
    params.set("page", String(n));
    params.delete("lng");
    return `/register?${params}`;
  };
  return {
    filter,
    organisations,
    rows: rows.slice(0, PAGE),
    previous: page > 1 ? pageLink(page - 1) : null,
    next: rows.length > PAGE ? pageLink(page + 1) : null,
    title: tFor(context.locale)("register:title"),
  };
}

export default function Register() {
  const { filter, organisations, rows, previous, next } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const any = t("register:filter.any");
  return (
    <>
      <h1>{t("register:title")}</h1>
      <p className="lead">{t("register:intro")}</p>
      {/* A GET form: filtering and search work without JavaScript, and every result page has a link. */}
      <form method="get" action="/register" className="filters" role="search">
        <div className="field">
          <label className="field__label" htmlFor="q">
            {t("register:search.label")}
          </label>
          <p className="field__hint" id="q-hint">
            {t("register:search.hint")}
          </p>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} aria-describedby="q-hint" />
        </div>
        <fieldset className="filters__group">
          <legend className="field__label">{t("register:filter.heading")}</legend>
          <FilterSelect name="organisation" label={t("register:filter.organisation")} any={any} value={filter.organisation} options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
          <FilterSelect name="sector" label={t("register:filter.sector")} any={any} value={filter.sector} options={sectors.map((x) => ({ value: x, label: t(`dossier:sector.${x}`) }))} />
          <FilterSelect name="status" label={t("register:filter.status")} any={any} value={filter.status} options={operationalStatuses.map((x) => ({ value: x, label: t(`dossier:status.${x}`) }))} />
          <FilterSelect name="stage" label={t("register:filter.stage")} any={any} value={filter.stage} options={lifecycleStages.map((x) => ({ value: x, label: t(`dossier:stage.${x}`) }))} />
          <div className="checkbox">
            <input type="checkbox" id="highRisk" name="highRisk" value="1" defaultChecked={filter.highRisk === "1"} />
            <label htmlFor="highRisk">{t("register:filter.highRisk")}</label>
          </div>
          <div className="checkbox">
            <input type="checkbox" id="open" name="open" value="1" defaultChecked={filter.open === "1"} />
            <label htmlFor="open">{t("register:filter.open")}</label>
          </div>
        </fieldset>
        <button type="submit" className="button">
          {t("register:filter.apply")}
        </button>{" "}
        <a href="/register">{t("register:filter.clear")}</a>
      </form>

      {rows.length === 0 ? (
        <p role="status">{t("register:none")}</p>
      ) : (
        <ul className="card-list">
          {rows.map((r) => (
            <li key={r.id} className="card">
              <h2 className="card__title" lang={r.lang} dir={dirOf(r.lang)}>
                <Link to={`/register/${r.slug}`}>{r.name}</Link>
              </h2>
              <p className="card__meta">
                <span lang={r.lang}>{r.organisationName}</span> · {t(`dossier:sector.${r.sector}`)} · {t(`dossier:status.${r.operationalStatus}`)}
                {r.highRisk ? <strong className="tag tag--risk">{t("dossier:highRisk.label")}</strong> : null}
                {r.openConsultations > 0 ? <strong className="tag">{t("register:openConsultation")}</strong> : null}
              </p>
              <p className="card__text" lang={r.lang} dir={dirOf(r.lang)}>
                {r.purpose.length > 280 ? `${r.purpose.slice(0, 277)}…` : r.purpose}
              </p>
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label={t("register:title")}>
        {previous ? <a href={previous}>{t("register:previous")}</a> : null} {next ? <a href={next}>{t("register:next")}</a> : null}
      </nav>
      <section aria-labelledby="open-data-heading">
        <h2 id="open-data-heading">{t("register:openData")}</h2>
        <ul>
          <li>
            <a href="/register.json">{t("register:downloadJson")}</a>
          </li>
          <li>
            <a href="/register.csv">{t("register:downloadCsv")}</a>
          </li>
        </ul>
      </section>
    </>
  );
}
