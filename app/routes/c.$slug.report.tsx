import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { dirOf, languageNames, type Lng } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatDate, formatNumber } from "~/lib/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { buildConsultationReport, getReportConsultation } from "~/modules/report/report.server";
import { changeSentence, displayCells, MIN_COUNT } from "~/modules/report/rules";
import { responseDecisions } from "~/modules/responses/constants";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["responses", "inputs", "assessment"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Until issue #8 this path was the form that reports a comment to the moderators, linked from every input
 * as `/c/<slug>/report?input=<id>`: such links (and the pages still open with that form) go to its new
 * path, `/c/<slug>/flag`, for good.
 */
function movedToFlag(request: Request, slug: string, status: 301 | 308) {
  const url = new URL(request.url);
  if (!url.searchParams.has("input")) return null;
  return redirect(`/c/${slug}/flag${url.search}`, status);
}

/**
 * The consultation report (issue #8; 000 §57(e); 001 §44, §65(l)): who took part, what they raised, the
 * answer to every input and what the consultation changed in the assessment, generated from the records
 * on each request. Numbers and dates are formatted here, in the reader's language (app/lib/format.ts).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const moved = movedToFlag(request, params.slug!, 301);
  if (moved) return moved;
  requirePermission(request, context, "view:consultation");
  const consultation = await getReportConsultation(params.slug!);
  const report = await buildConsultationReport(consultation.id);
  const locale = context.locale;
  const t = tFor(locale, ["responses", "assessment"]);
  const num = (n: number) => formatNumber(n, locale);
  const { coverage, byDecision, rows, truncated } = report.responses;
  const a = report.assessment;
  const version = (v: NonNullable<typeof a>["before"]) =>
    v ? t("responses:report.changes.version", { version: v.version, date: formatDate(v.publishedAt, locale), conclusion: t(`assessment:conclusion.${v.conclusion}`) }) : null;
  return {
    title: t("responses:report.title", { title: consultation.title }),
    generatedOn: formatDate(report.generatedAt, locale),
    deployment: { slug: consultation.deploymentSlug, published: consultation.deploymentPublished },
    participation: displayCells(report.participation, num),
    themes: displayCells(report.themes, num),
    answers: {
      coverage: t("responses:coverage", { answered: num(coverage.answered), total: num(coverage.total), count: coverage.total }),
      byDecision: responseDecisions.map((d) => ({ decision: d, count: num(byDecision[d]) })),
      rows: rows.map(({ respondedAt, ...r }) => ({ ...r, respondedOn: formatDate(respondedAt, locale) })),
      truncated,
      rowCount: rows.length,
    },
    changes: a
      ? {
          sentence: changeSentence(
            { newHarms: a.newHarms.length, ratingsChanged: a.ratingsChanged, mitigationsAdopted: a.mitigationsAdopted.length, before: a.before?.conclusion ?? null, after: a.after?.conclusion ?? null },
            t,
            locale,
          ),
          before: version(a.before),
          after: version(a.after),
          newHarms: a.newHarms,
          mitigations: a.mitigationsAdopted,
        }
      : null,
  };
}

/** A form still open at the old address posts there: 308 keeps the method and the body, so nothing is lost. */
export async function action({ request, params }: ActionFunctionArgs) {
  // Open to everyone: it only passes a form posted to the old address on to /flag, whose action checks "report:input".
  const moved = movedToFlag(request, params.slug!, 308);
  if (moved) return moved;
  throw new Response(null, { status: 405 });
}

export default function Report() {
  const { generatedOn, deployment, participation: p, themes, answers, changes } = useLoaderData<typeof loader>();
  const { consultation: c } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const { t } = useTranslation();
  const assessmentHref = `/register/${deployment.slug}/assessment`;
  return (
    <article className="report">
      <p className="eyebrow">
        <Link to={`/c/${c.slug}`}>{c.title}</Link>
      </p>
      <h1>{t("responses:report.heading")}</h1>
      <p>{t("responses:report.intro", { date: generatedOn })}</p>
      <p className="lead">{changes ? changes.sentence : t("responses:report.changes.noAssessment")}</p>
      <nav aria-label={t("responses:report.contents")} className="report__nav">
        <ul>
          <li>
            <a href="#participation">{t("responses:report.participation.heading")}</a>
          </li>
          <li>
            <a href="#themes">{t("responses:report.themes.heading")}</a>
          </li>
          <li>
            <a href="#answers">{t("responses:report.answers.heading")}</a>
          </li>
          <li>
            <a href="#changes">{t("responses:report.changes.heading")}</a>
          </li>
          <li>
            <a href={`/c/${c.slug}/report.json`}>{t("responses:report.json")}</a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="participation">
        <h2 id="participation">{t("responses:report.participation.heading")}</h2>
        <p className="hint">{t("responses:report.suppression", { min: MIN_COUNT })}</p>
        <table className="table">
          <caption>{t("responses:report.participation.figures")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("responses:report.participation.figure")}</th>
              <th scope="col" className="num">
                {t("responses:report.participation.count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(["inputs", "participants", "groups", "peopleHeardOffline"] as const).map((k) => (
              <tr key={k}>
                <th scope="row">{t(`responses:report.participation.${k}`)}</th>
                <Count value={p[k]} />
              </tr>
            ))}
          </tbody>
        </table>

        <table className="table">
          <caption>{t("responses:report.participation.byMethod")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("responses:report.participation.method")}</th>
              <th scope="col" className="num">
                {t("responses:report.inputs")}
              </th>
              <th scope="col" className="num">
                {t("responses:report.participation.people")}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="rowgroup">{t("responses:report.participation.direct")}</th>
              <Count value={p.byMethod.direct.inputs} />
              <td />
            </tr>
            {p.byMethod.direct.methods.map((m) => (
              <tr key={m.method}>
                <th scope="row" className="report__sub">
                  {t(`responses:report.participation.${m.method}`)}
                </th>
                <Count value={m.inputs} />
                <Count value={m.people} />
              </tr>
            ))}
          </tbody>
          <tbody>
            <tr>
              <th scope="rowgroup">{t("responses:report.participation.facilitated")}</th>
              <Count value={p.byMethod.facilitated.inputs} />
              <Count value={p.byMethod.facilitated.people} />
            </tr>
            {p.byMethod.facilitated.methods.map((m) => (
              <tr key={m.method}>
                <th scope="row" className="report__sub">
                  {t(`inputs:method.${m.method}`)}
                </th>
                <Count value={m.inputs} />
                <Count value={m.people} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("responses:report.total")}</th>
              <Count value={p.inputs} />
              <td />
            </tr>
          </tfoot>
        </table>
        <p className="hint">{t("responses:report.participation.peopleHint")}</p>

        <CountTable caption={t("responses:report.participation.byLanguage")} head={t("responses:report.participation.language")} total={p.inputs}>
          {p.byLanguage.map((r) => (
            <tr key={r.lang}>
              <th scope="row">
                <span lang={r.lang}>{languageNames[r.lang as Lng] ?? r.lang}</span>
              </th>
              <Count value={r.inputs} />
            </tr>
          ))}
        </CountTable>

        {p.selfIdentifiedGroups.length ? (
          <>
            <CountTable caption={t("responses:report.participation.selfIdentified")} head={t("responses:report.participation.group")} column={t("responses:report.participation.participantsColumn")}>
              {p.selfIdentifiedGroups.map((g) => (
                <tr key={g.name}>
                  <th scope="row" lang={c.lang} dir={dirOf(c.lang)}>
                    {g.name}
                  </th>
                  <Count value={g.participants} />
                </tr>
              ))}
            </CountTable>
            <p className="hint">{t("responses:report.participation.selfIdentifiedHint")}</p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="themes">
        <h2 id="themes">{t("responses:report.themes.heading")}</h2>
        <CountTable caption={t("responses:report.themes.byQuestion")} head={t("responses:report.themes.question")} total={p.inputs}>
          {themes.byQuestion.map((q) => (
            <tr key={q.target}>
              <th scope="row">
                {q.code ? (
                  <>
                    {q.code}
                    {q.prompt ? (
                      <>
                        {": "}
                        <span lang={c.lang} dir={dirOf(c.lang)}>
                          {q.prompt}
                        </span>
                      </>
                    ) : null}
                  </>
                ) : (
                  t(`responses:report.themes.${q.target as "section" | "whole" | "reply"}`)
                )}
              </th>
              <Count value={q.inputs} />
            </tr>
          ))}
        </CountTable>
        <CountTable caption={t("responses:report.themes.byConcern")} head={t("responses:report.themes.concern")}>
          {themes.byConcern.map((r) => (
            <tr key={r.concern}>
              <th scope="row">{t(`inputs:concern.${r.concern}`)}</th>
              <Count value={r.inputs} />
            </tr>
          ))}
        </CountTable>
        <p className="hint">{t("responses:report.themes.several")}</p>
        {themes.byRight.length ? (
          <CountTable caption={t("responses:report.themes.byRight")} head={t("responses:report.themes.right")}>
            {themes.byRight.map((r) => (
              <tr key={r.right}>
                <th scope="row">{t(`inputs:right.${r.right}`)}</th>
                <Count value={r.inputs} />
              </tr>
            ))}
          </CountTable>
        ) : (
          <p>{t("responses:report.themes.noRights")}</p>
        )}
      </section>

      <section aria-labelledby="answers">
        <h2 id="answers">{t("responses:report.answers.heading")}</h2>
        <p>
          {answers.coverage} · <Link to={`/c/${c.slug}/responses`}>{t("responses:report.responsesPage")}</Link>
        </p>
        <CountTable caption={t("responses:report.answers.byDecision")} head={t("responses:report.answers.decision")} column={t("responses:report.answers.count")}>
          {answers.byDecision.map((d) => (
            <tr key={d.decision}>
              <th scope="row">{t(`responses:decision.${d.decision}`)}</th>
              <td className="num">{d.count}</td>
            </tr>
          ))}
        </CountTable>
        {answers.rows.length ? (
          <table className="table report__answers">
            <caption>{t("responses:report.answers.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("responses:report.answers.input")}</th>
                <th scope="col">{t("responses:report.answers.decision")}</th>
                <th scope="col">{t("responses:report.answers.reason")}</th>
                <th scope="col">{t("responses:report.answers.changed")}</th>
              </tr>
            </thead>
            <tbody>
              {answers.rows.map((r) => (
                <tr key={r.inputId}>
                  <td>
                    <span lang={r.inputLang} dir={dirOf(r.inputLang)}>
                      {r.clipped ? `${r.excerpt.trimEnd()}…` : r.excerpt}
                    </span>{" "}
                    <span className="report__links">
                      <Link to={`/c/${c.slug}#input-${r.inputId}`}>{t("responses:report.answers.onBoard")}</Link> ·{" "}
                      <Link to={`/c/${c.slug}/responses#response-${r.inputId}`}>{t("responses:report.answers.answerPage")}</Link>
                    </span>
                  </td>
                  <td>
                    {t(`responses:decision.${r.decision}`)}
                    <br />
                    <span className="muted">{r.respondedOn}</span>
                  </td>
                  <td lang={r.lang} dir={dirOf(r.lang)}>
                    {r.reason}
                  </td>
                  <td>
                    {r.impacts.map((m, n) => (
                      <span key={m.id}>
                        {n ? ", " : ""}
                        {deployment.published ? <Link to={`${assessmentHref}#impact-${m.number}`}>{`#${m.number} ${m.title}`}</Link> : `#${m.number} ${m.title}`}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("responses:report.answers.none")}</p>
        )}
        {answers.truncated ? (
          <p>
            {t("responses:report.answers.truncated", { count: answers.rowCount })}{" "}
            <a href={`/c/${c.slug}/responses.json`}>responses.json</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="changes">
        <h2 id="changes">{t("responses:report.changes.heading")}</h2>
        {changes ? (
          <>
            <p>{changes.sentence}</p>
            <dl className="facts">
              <dt>{t("responses:report.changes.before")}</dt>
              <dd>{changes.before ?? t("responses:report.changes.noVersionBefore")}</dd>
              <dt>{t("responses:report.changes.after")}</dt>
              <dd>{changes.after ?? t("responses:report.changes.noVersionAfter")}</dd>
            </dl>
            {changes.newHarms.length ? (
              <>
                <h3>{t("responses:report.changes.newHarmsHeading")}</h3>
                <ul>
                  {changes.newHarms.map((m) => (
                    <li key={m.id}>
                      <Link to={`${assessmentHref}#impact-${m.number}`}>{`#${m.number} ${m.title}`}</Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {changes.mitigations.length ? (
              <>
                <h3>{t("responses:report.changes.mitigationsHeading")}</h3>
                <ul>
                  {changes.mitigations.map((m) => (
                    <li key={m.id}>
                      <Link to={`${assessmentHref}#impact-${m.impactNumber}`}>{`#${m.impactNumber}`}</Link> {t(`assessment:level.${m.level}`)}: {m.description}
                      {m.isCondition ? ` (${t("responses:report.changes.condition")})` : ""}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p className="hint">{t("responses:report.changes.counted")}</p>
            <p>
              <Link to={assessmentHref}>{t("responses:report.assessmentPage")}</Link>
            </p>
          </>
        ) : (
          <p>{t("responses:report.changes.noAssessment")}</p>
        )}
      </section>
    </article>
  );
}

/** A count, or "not shown" when it is held back (rules.ts); the same words whatever the reason. */
function Count({ value }: { value: string | null }) {
  const { t } = useTranslation();
  return <td className="num">{value ?? <span className="muted">{t("responses:report.notShown")}</span>}</td>;
}

/** A two-column table of counts, with a total row when its rows add up to one. */
function CountTable(props: { caption: string; head: string; column?: string; total?: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.head}</th>
          <th scope="col" className="num">
            {props.column ?? t("responses:report.inputs")}
          </th>
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
      {props.total !== undefined ? (
        <tfoot>
          <tr>
            <th scope="row">{t("responses:report.total")}</th>
            <Count value={props.total} />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

export { ErrorBoundary } from "~/root";
