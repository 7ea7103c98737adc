import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { Prose } from "~/components/dossier-view";
import { SeverityMatrix } from "~/components/severity-matrix";
import { tFor } from "~/i18n.server";
import { dirOf } from "~/i18n";
import { formatDate } from "~/lib/format";
import { getPublishedAssessment, listPublicInputs, type PublishedImpact } from "~/modules/assessment/assessment.server";
import { rightsCatalogue } from "~/modules/assessment/constants";
import { diffVersions } from "~/modules/assessment/rules";
import { requirePermission } from "~/modules/auth/guards.server";

export const handle = { i18n: ["assessment", "inputs", "register", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * The published impact assessment of a deployment (?version=N for an earlier one): the decision, the
 * severity matrix, each impact with the inputs behind it, the sections, and what changed since the
 * version before. Print-ready; no JavaScript needed.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  const asked = Number(new URL(request.url).searchParams.get("version"));
  const version = Number.isInteger(asked) && asked > 0 && asked < 100_000 ? asked : undefined;
  const pub = await getPublishedAssessment({ slug: params.slug!, version });
  const inputs = await listPublicInputs([...new Set(pub.content.impacts.flatMap((i) => i.inputIds))]);
  const t = tFor(context.locale, "assessment");
  return {
    slug: params.slug!,
    deployment: pub.deployment,
    status: pub.status,
    content: pub.content,
    publishedOn: formatDate(pub.content.publishedAt, context.locale),
    diff: pub.previous ? diffVersions(pub.previous, pub.content) : null,
    previousVersion: pub.previous?.version ?? null,
    versions: pub.versions.map((v) => ({ version: v.version, conclusion: v.conclusion, publishedOn: formatDate(v.publishedAt, context.locale) })),
    inputs: Object.fromEntries(inputs.map((i) => [i.id, i])),
    title: t("assessment:public.title", { name: pub.deployment.name }),
  };
}

function Ratings({ r, rationale }: { r: Pick<PublishedImpact, "scale" | "scope" | "reversibility" | "likelihood">; rationale?: Partial<Record<string, string>> }) {
  const { t } = useTranslation();
  return (
    <dl className="ratings">
      {(["scale", "scope", "reversibility", "likelihood"] as const).map((d) => (
        <div key={d}>
          <dt>{t(`assessment:dimension.${d}`)}</dt>
          <dd>
            {t(`inputs:severity.${d}.${r[d]}`)} ({r[d]}/4)
            {rationale?.[d] ? <span className="hint"> {rationale[d]}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function PublicAssessment() {
  const { slug, deployment, status, content, publishedOn, diff, previousVersion, versions, inputs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lang = deployment.lang;
  const redLineText = (id: string) => (id.startsWith("other:") ? (content.redLines.find((r) => r.id === id)?.text ?? id) : t(`dossier:redLine.${id}`));
  return (
    <article className="assessment">
      <p className="eyebrow">
        <Link to={`/register/${slug}`} lang={lang} dir={dirOf(lang)}>
          {deployment.name}
        </Link>{" "}
        · <span lang={lang}>{deployment.organisation}</span>
      </p>
      <h1>{t("assessment:public.heading")}</h1>
      <p className="status-line">
        {t("assessment:public.version", { version: String(content.version), date: publishedOn })}
        {" · "}
        <a href={`/register/${slug}/assessment.json?version=${content.version}`}>{t("assessment:public.json")}</a>
        {" · "}
        <a href={`/register/${slug}/assessment.csv?version=${content.version}`}>{t("assessment:public.csv")}</a>
      </p>
      {status === "under_review" && content.version === versions[0]?.version ? (
        <p className="notice" role="status">
          {t("assessment:public.underReview")}
        </p>
      ) : null}

      <section aria-labelledby="decision-heading" className="panel">
        <h2 id="decision-heading">{t("assessment:public.decision")}</h2>
        <p>
          <strong>{t(`assessment:conclusion.${content.conclusion}`)}</strong>
        </p>
        <Prose text={content.justification} lang={lang} />
        {content.impacts.some((i) => i.mitigations.some((m) => m.isCondition)) ? (
          <>
            <h3>{t("assessment:public.conditions")}</h3>
            <ul>
              {content.impacts.flatMap((i) =>
                i.mitigations
                  .filter((m) => m.isCondition)
                  .map((m) => (
                    <li key={m.id}>
                      <span lang={lang}>{m.description}</span> ({t(`assessment:mitigationStatus.${m.status}`)}; <a href={`#impact-${i.number}`}>#{i.number}</a>)
                    </li>
                  )),
              )}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">{t("assessment:matrix.heading")}</h2>
        <SeverityMatrix id="matrix" impacts={content.impacts.filter((i) => i.status === "open")} />
      </section>

      <section aria-labelledby="impacts-heading">
        <h2 id="impacts-heading">{t("assessment:public.impacts", { count: content.impacts.length })}</h2>
        {content.impacts.map((i) => (
          <section key={i.id} id={`impact-${i.number}`} className="impact" aria-labelledby={`impact-${i.number}-h`}>
            <h3 id={`impact-${i.number}-h`}>
              #{i.number} <span lang={lang}>{i.title}</span>
            </h3>
            <p className="status-line">
              <strong>{t(`assessment:severity.${i.severity}`)}</strong> · {t("assessment:priority", { priority: String(i.priority) })}
              {i.status === "closed" ? <> · {t("assessment:impactStatus.closed")}</> : null}
              {i.redLine ? <span className="tag tag--risk">{t("assessment:redLine", { line: redLineText(i.redLine) })}</span> : null}
            </p>
            {i.description ? <Prose text={i.description} lang={lang} /> : null}
            {i.status === "closed" && i.closedReason ? <p lang={lang}>{i.closedReason}</p> : null}
            {i.rights.length ? (
              <p>
                {t("assessment:rights")}: {i.rights.map((r) => t(`inputs:right.${r}`)).join(" · ")}
              </p>
            ) : null}
            {i.groups.length ? (
              <p>
                {t("assessment:groups")}: <span lang={lang}>{i.groups.join(" · ")}</span>
              </p>
            ) : null}
            <Ratings r={i} rationale={i.rationale} />
            {i.residual ? (
              <>
                <h4>{t("assessment:residual", { severity: t(`assessment:severity.${i.residual.severity}`) })}</h4>
                <Ratings r={i.residual} />
                {i.residual.rationale ? <p lang={lang}>{i.residual.rationale}</p> : null}
              </>
            ) : null}
            {i.mitigations.length ? (
              <>
                <h4>{t("assessment:mitigations")}</h4>
                <ul>
                  {i.mitigations.map((m) => (
                    <li key={m.id}>
                      <strong>{t(`assessment:level.${m.level}`)}</strong>: <span lang={lang}>{m.description}</span>
                      <span className="hint">
                        {" "}
                        ({t(`assessment:mitigationStatus.${m.status}`)}
                        {m.owner ? <> · <span lang={lang}>{m.owner}</span></> : null}
                        {m.dueOn ? <> · {m.dueOn}</> : null}
                        {m.isCondition ? <> · {t("assessment:condition")}</> : null})
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h4>{t("assessment:public.behind", { count: i.inputIds.length })}</h4>
            <ul className="behind">
              {i.inputIds.map((id) => {
                const input = inputs[id];
                if (!input) return <li key={id}>{t("assessment:public.inputGone")}</li>;
                return (
                  <li key={id}>
                    <blockquote className="quote" lang={input.lang} dir={dirOf(input.lang)}>
                      {input.excerpt}
                    </blockquote>
                    <Link to={`/c/${input.consultationSlug}#input-${id}`}>{t("assessment:public.readInput")}</Link>
                    {input.facilitated ? <> · {t("assessment:public.facilitated")}</> : null}
                    {input.joint ? <> · {t("assessment:public.joint")}</> : null}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </section>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t("assessment:public.sections")}</h2>
        {content.sections.map((s) => (
          <section key={s.key} aria-labelledby={`section-${s.key}`}>
            <h3 id={`section-${s.key}`}>{t(`assessment:section.${s.key}`)}</h3>
            <Prose text={s.body} lang={lang} />
            {s.evidence.length ? (
              <ul className="hint">
                {s.evidence.map((e, n) => (
                  <li key={n}>
                    {e.url ? (
                      <a href={e.url} rel="noopener noreferrer" lang={lang}>
                        {e.source}
                      </a>
                    ) : (
                      <span lang={lang}>{e.source}</span>
                    )}
                    {e.dated ? ` (${e.dated})` : null}
                    {e.attachmentId ? (
                      <>
                        {" · "}
                        <a href={`/register/${slug}/files/${e.attachmentId}`} lang={lang}>
                          {e.attachmentTitle}
                        </a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </section>

      <section aria-labelledby="rights-heading">
        <h2 id="rights-heading">{t("assessment:public.rightsHeading")}</h2>
        <dl className="rights">
          {rightsCatalogue
            .filter((r) => content.impacts.some((i) => i.rights.includes(r.id)))
            .map((r) => (
              <div key={r.id}>
                <dt>{t(`inputs:right.${r.id}`)}</dt>
                <dd>
                  {t(`assessment:rightExplain.${r.id}`)} <span className="hint">({r.instruments})</span>
                </dd>
              </div>
            ))}
        </dl>
      </section>

      {diff && previousVersion ? (
        <section aria-labelledby="changes-heading">
          <h2 id="changes-heading">{t("assessment:diff.heading", { version: String(previousVersion) })}</h2>
          <ul>
            {diff.conclusion ? (
              <li>
                {t("assessment:diff.conclusion", { from: t(`assessment:conclusion.${diff.conclusion.from}`), to: t(`assessment:conclusion.${diff.conclusion.to}`) })}
              </li>
            ) : null}
            {diff.impacts.map((c) => (
              <li key={`${c.kind}-${c.number}`}>
                {t(`assessment:diff.${c.kind}`, { number: String(c.number) })} <span lang={lang}>{c.title}</span>
                {c.kind === "changed" ? (
                  <ul>
                    {c.ratings.map((r) => (
                      <li key={r.dimension}>{t("assessment:diff.rating", { dimension: t(`assessment:dimension.${r.dimension}`), from: String(r.from), to: String(r.to) })}</li>
                    ))}
                    {c.newInputs ? <li>{t("assessment:diff.newInputs", { count: c.newInputs })}</li> : null}
                    {c.newMitigations ? <li>{t("assessment:diff.newMitigations", { count: c.newMitigations })}</li> : null}
                    {c.mitigationStatus.map((m, n) => (
                      <li key={n}>
                        <span lang={lang}>{m.description}</span>: {t(`assessment:mitigationStatus.${m.from}`)} → {t(`assessment:mitigationStatus.${m.to}`)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
            {diff.sections.map((s) => (
              <li key={s.key}>{t("assessment:diff.section", { section: t(`assessment:section.${s.key}`) })}</li>
            ))}
            {!diff.conclusion && !diff.impacts.length && !diff.sections.length ? <li>{t("assessment:diff.none")}</li> : null}
          </ul>
        </section>
      ) : null}

      {versions.length > 1 ? (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">{t("assessment:public.versions")}</h2>
          <ol reversed className="versions">
            {versions.map((v) => (
              <li key={v.version}>
                <Link to={`/register/${slug}/assessment?version=${v.version}`} aria-current={v.version === content.version ? "page" : undefined}>
                  {t("assessment:public.version", { version: String(v.version), date: v.publishedOn })}
                </Link>{" "}
                · {t(`assessment:conclusion.${v.conclusion}`)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </article>
  );
}

export { ErrorBoundary } from "~/root";
