import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { DossierDiff } from "~/components/dossier-diff";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublishedDossier, listVersions } from "~/modules/deployments/deployments.server";
import { diffDossiers } from "~/modules/deployments/rules";

export const handle = { i18n: ["register", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

function versionParam(url: URL, name: string): number | undefined {
  const n = Number(url.searchParams.get(name));
  return Number.isInteger(n) && n > 0 && n < 100_000 ? n : undefined;
}

/** Every published version of a dossier, and the changes between two of them (?from=&to=). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const url = new URL(request.url);
  const latest = await getPublishedDossier({ slug: params.slug! });
  const versions = (await listVersions({ deploymentId: latest.deployment.id })).map((v) => ({ ...v, publishedOn: formatDate(v.publishedAt, context.locale) }));
  const to = versionParam(url, "to") ?? latest.version;
  const from = versionParam(url, "from") ?? Math.max(1, to - 1);
  let comparison = null;
  if (versions.length > 1 && from !== to) {
    // Unknown version numbers answer 404 through getPublishedDossier.
    const [a, b] = await Promise.all([getPublishedDossier({ slug: params.slug!, version: from }), getPublishedDossier({ slug: params.slug!, version: to })]);
    comparison = { from, to, changes: diffDossiers(a.content, b.content) };
  }
  const name = latest.content.identity.name;
  return { slug: latest.deployment.slug, name, lang: latest.deployment.lang, versions, comparison, from, to, title: tFor(context.locale)("register:history.title", { name }) };
}

export default function Versions() {
  const { slug, name, lang, versions, comparison, from, to } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p className="eyebrow">
        <Link to={`/register/${slug}`} lang={lang}>
          {name}
        </Link>
      </p>
      <h1>{t("register:history.title", { name })}</h1>
      <p>{t("register:history.intro")}</p>
      <ol reversed className="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <strong>{t("register:history.version", { version: String(v.version) })}</strong> · {v.publishedOn} ·{" "}
            <Link to={`/register/${slug}?version=${v.version}`}>{t("register:history.read")}</Link>
            <p lang={lang}>{v.changeSummary}</p>
            {v.materialChange ? <p className="tag tag--risk">{t("register:history.material")}</p> : null}
          </li>
        ))}
      </ol>
      {versions.length > 1 ? (
        <form method="get" className="filters">
          <fieldset className="filters__group">
            <legend className="field__label">{t("register:history.compare")}</legend>
            {(["from", "to"] as const).map((name) => (
              <div className="field field--inline" key={name}>
                <label className="field__label" htmlFor={name}>
                  {t(`register:history.${name}`)}
                </label>
                <select id={name} name={name} defaultValue={String(name === "from" ? from : to)}>
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      {v.version}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t("register:history.show")}
          </button>
        </form>
      ) : null}
      {comparison ? (
        <section aria-labelledby="diff-heading">
          <h2 id="diff-heading">{t("register:diff.title", { from: String(comparison.from), to: String(comparison.to) })}</h2>
          {comparison.changes.length ? <DossierDiff changes={comparison.changes} lang={lang} /> : <p>{t("register:diff.none")}</p>}
        </section>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
