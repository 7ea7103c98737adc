import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, IntentButton, KeyedOptions, valueOf } from "~/components/forms";
import { LiveNotes } from "~/components/live-notes";
import { Notice } from "~/components/notice";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { requireAssessment } from "~/modules/assessment/access.server";
import {
  addEvidence,
  addIndicator,
  approveAndPublish,
  listAssessmentVersions,
  listDecisionProblems,
  listImpacts,
  listIndicators,
  listReviewRequests,
  listSections,
  moveAssessment,
  recordResult,
  returnAssessment,
  saveSection,
  setDecision,
  submitForApproval,
  type DecisionRefusal,
} from "~/modules/assessment/assessment.server";
import { isEditable, manualMoves, severityOf, type DecisionProblem } from "~/modules/assessment/rules";
import { assessmentStatuses, conclusions, indicatorDirections } from "~/modules/assessment/constants";
import { DecisionSchema, EvidenceSchema, IndicatorSchema, ResultSchema, SectionSchema } from "~/modules/assessment/schema";
import { can } from "~/modules/auth/permissions";
import { listAttachments } from "~/modules/deployments/attachments.server";

export const handle = { i18n: ["admin", "assessment", "inputs", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The working copy of a deployment's impact assessment: status, sections, impacts, decision, approval, monitoring. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, head } = await requireAssessment(request, context, params.slug!);
  const [sections, impacts, problems, versions, reviews, indicators, attachments] = await Promise.all([
    listSections(head.id),
    listImpacts(head.id),
    listDecisionProblems(head.id),
    listAssessmentVersions(head.id),
    listReviewRequests(head.deploymentId),
    listIndicators(head.id),
    listAttachments({ deploymentId: head.deploymentId }),
  ]);
  return {
    head: { ...head, submittedOn: head.submittedAt ? formatDate(head.submittedAt, context.locale) : null },
    sections,
    impacts: impacts.map((i) => ({ number: i.number, title: i.title, status: i.status, redLine: i.redLine, links: i.links, ...severityOf(i), mitigations: i.mitigations.length })),
    problems,
    versions: versions.map((v) => ({ ...v, publishedOn: formatDate(v.publishedAt, context.locale) })),
    reviews: reviews.map((r) => ({ ...r, createdOn: formatDate(r.createdAt, context.locale) })),
    indicators,
    attachments: attachments.map((a) => ({ id: a.id, title: a.title })),
    canApprove: can(user, "publish:assessment", head.organisationId) && head.submittedBy !== user.id,
    isAuthor: head.submittedBy === user.id,
    done: new URL(request.url).searchParams.get("done"),
    title: tFor(context.locale, "assessment")("assessment:admin.title", { name: head.deploymentName }),
  };
}

type ActionData = {
  intent: string;
  key?: string;
  values: FormValues;
  errors: FieldErrors;
  problems?: DecisionProblem[];
  current?: { body?: string; justification?: string; conclusion?: string | null; revision: number };
};

const bad = (intent: string, values: FormValues, errors: FieldErrors, status = 400, extra: Partial<ActionData> = {}) =>
  data<ActionData>({ intent, values, errors, ...extra }, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, head } = await requireAssessment(request, context, params.slug!);
  const values = formValues(await request.formData());
  const intent = String(values.intent ?? "");
  const back = (done: string, hash = "") => redirect(`/admin/assessments/${head.deploymentSlug}?done=${done}${hash}`, 303);

  if (intent === "section") {
    const parsed = SectionSchema.safeParse(values);
    if (!parsed.success) return bad(intent, values, fieldErrors(parsed.error), 400, { key: String(values.key ?? "") });
    const result = await saveSection({ assessmentId: head.id, ...parsed.data, actorId: user.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status, { key: parsed.data.key, current: "current" in result ? result.current : undefined });
    return back("section", `#section-${parsed.data.key}`);
  }
  if (intent === "evidence") {
    const parsed = EvidenceSchema.safeParse(values);
    if (!parsed.success) return bad(intent, values, fieldErrors(parsed.error), 400, { key: String(values.sectionKey ?? "") });
    const result = await addEvidence({ assessmentId: head.id, ...parsed.data, actorId: user.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status, { key: parsed.data.sectionKey });
    return back("evidence", `#section-${parsed.data.sectionKey}`);
  }
  if (intent === "decision") {
    const parsed = DecisionSchema.safeParse(values);
    if (!parsed.success) return bad(intent, values, fieldErrors(parsed.error));
    const result = await setDecision({ head, ...parsed.data, actorId: user.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status, { current: "current" in result ? result.current : undefined });
    return back("decision", "#decision");
  }
  if (intent === "submit") {
    const result = await submitForApproval({ head, actorId: user.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status, { problems: "problems" in result ? result.problems : undefined });
    return back("submitted", "#decision");
  }
  if (intent === "approve" || intent === "return") {
    const { user: approver } = await requireAssessment(request, context, params.slug!, "publish:assessment");
    const result: { ok: true } | DecisionRefusal =
      intent === "approve"
        ? await approveAndPublish({ head, actorId: approver.id })
        : await returnAssessment({ head, reason: String(values.reason ?? "").slice(0, 1000), actorId: approver.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status, { problems: result.problems });
    return back(intent === "approve" ? "published" : "returned", "#decision");
  }
  if (intent === "move") {
    const to = String(values.to ?? "");
    if (!(assessmentStatuses as readonly string[]).includes(to)) return bad(intent, values, { form: ["assessment:errors.move"] });
    const result = await moveAssessment({ head, to: to as (typeof assessmentStatuses)[number], actorId: user.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status);
    return back("moved");
  }
  if (intent === "indicator") {
    const parsed = IndicatorSchema.safeParse(values);
    if (!parsed.success) return bad(intent, values, fieldErrors(parsed.error));
    const result = await addIndicator({ head, ...parsed.data, actorId: user.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status);
    return back("indicator", "#monitoring");
  }
  if (intent === "result") {
    const parsed = ResultSchema.safeParse(values);
    if (!parsed.success) return bad(intent, values, fieldErrors(parsed.error), 400, { key: String(values.indicatorId ?? "") });
    const result = await recordResult({ head, ...parsed.data, actorId: user.id });
    if (!result.ok) return bad(intent, values, { form: [result.error] }, result.status, { key: parsed.data.indicatorId });
    return back(result.breached ? "breach" : "result", "#monitoring");
  }
  return bad(intent, values, { form: ["dossier:errors.choose"] });
}

function Problems({ problems }: { problems: DecisionProblem[] }) {
  const { t } = useTranslation();
  if (!problems.length) return <p>{t("assessment:admin.ready")}</p>;
  return (
    <ul className="problems">
      {problems.map((p) => (
        <li key={p.code}>
          {t(`assessment:problem.${p.code}`, {
            impacts: "impacts" in p ? p.impacts.map((n) => `#${n}`).join(", ") : "",
            sections: "sections" in p ? p.sections.map((s) => t(`assessment:section.${s}`)).join(", ") : "",
          })}
        </li>
      ))}
    </ul>
  );
}

export default function AssessmentAdmin() {
  const { head, sections, impacts, problems, versions, reviews, indicators, attachments, canApprove, isAuthor, done } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  const editable = isEditable(head.status);
  const mine = (intent: string, key?: string) => action?.intent === intent && (key === undefined || action.key === key);
  const errorsFor = (intent: string, key?: string) => (mine(intent, key) ? action!.errors : {});
  const valuesFor = (intent: string, key?: string) => (mine(intent, key) ? action!.values : {});
  const slug = head.deploymentSlug;
  return (
    <>
      <p className="eyebrow">
        <Link to="/admin/assessments">{t("assessment:admin.all")}</Link>
      </p>
      <h1>{t("assessment:admin.title", { name: head.deploymentName })}</h1>
      {done ? <Notice>{t(`assessment:admin.done.${done}`, { defaultValue: t("assessment:admin.done.saved") })}</Notice> : null}
      {action ? <ErrorSummary errors={action.errors} /> : null}
      <p className="status-line">
        {t("assessment:admin.status")}: <strong>{t(`assessment:status.${head.status}`)}</strong>
        {versions.length ? (
          <>
            {" · "}
            <Link to={`/register/${slug}/assessment`}>{t("assessment:admin.public", { version: String(versions[0].version) })}</Link>
          </>
        ) : null}
      </p>
      <ul className="actions">
        <li>
          <Link className="button" to={`/admin/assessments/${slug}/triage`}>
            {t("assessment:admin.triage")}
          </Link>
        </li>
        {editable ? (
          <li>
            <Link className="button button--secondary" to={`/admin/assessments/${slug}/impacts/new`}>
              {t("assessment:admin.newImpact")}
            </Link>
          </li>
        ) : null}
        {(manualMoves[head.status] ?? []).map((to) => (
          <li key={to}>
            <IntentButton intent="move" fields={{ to }}>
              {t("assessment:admin.moveTo", { status: t(`assessment:status.${to}`) })}
            </IntentButton>
          </li>
        ))}
      </ul>
      {reviews.length ? (
        <section className="panel" aria-labelledby="reviews-heading">
          <h2 id="reviews-heading">{t("assessment:admin.reviews")}</h2>
          <ul>
            {reviews.map((r) => (
              <li key={r.id}>
                {r.reason === "monitoring"
                  ? t("assessment:admin.reviewMonitoring", { indicator: r.indicatorName ?? "" })
                  : t("assessment:admin.reviewDossier", { version: String(r.dossierVersion ?? ""), fields: r.changedFields.join(", ") })}{" "}
                · {r.createdOn}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="impacts-heading">
        <h2 id="impacts-heading">{t("assessment:admin.impacts", { count: impacts.length })}</h2>
        {impacts.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("assessment:impact.title")}</th>
                <th scope="col">{t("assessment:matrix.severity")}</th>
                <th scope="col">{t("assessment:admin.priority")}</th>
                <th scope="col">{t("assessment:admin.inputs")}</th>
              </tr>
            </thead>
            <tbody>
              {impacts.map((i) => (
                <tr key={i.number}>
                  <td>{i.number}</td>
                  <td>
                    <Link to={`/admin/assessments/${slug}/impacts/${i.number}`}>{i.title}</Link>
                    {i.redLine ? <span className="tag tag--risk">{t("assessment:admin.redLineTag")}</span> : null}
                    {i.status === "closed" ? <span className="tag">{t("assessment:impactStatus.closed")}</span> : null}
                  </td>
                  <td>{t(`assessment:severity.${i.severity}`)}</td>
                  <td>{i.priority}</td>
                  <td>{i.links}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("assessment:admin.noImpacts")}</p>
        )}
      </section>

      <section id="decision" aria-labelledby="decision-heading" className="panel">
        <h2 id="decision-heading">{t("assessment:admin.decision")}</h2>
        <Problems problems={mine("submit") || mine("approve") ? (action!.problems ?? problems) : problems} />
        {mine("decision") && action!.current ? (
          <div className="notice" role="status">
            <p>{t("assessment:admin.staleDecision")}</p>
            <p>
              {action!.current.conclusion ? t(`assessment:conclusion.${action!.current.conclusion}`) : "–"}: {action!.current.justification}
            </p>
          </div>
        ) : null}
        {editable ? (
          <Form method="post" noValidate className="form">
            <CsrfField />
            <input type="hidden" name="intent" value="decision" />
            <input type="hidden" name="revision" value={String(mine("decision") && action!.current ? action!.current.revision : head.revision)} />
            <Field name="conclusion" label={t("assessment:admin.conclusion")} errors={errorsFor("decision")}>
              {(p) => (
                <select {...p} defaultValue={valueOf(valuesFor("decision"), "conclusion") ?? head.conclusion ?? ""}>
                  <option value="">{t("assessment:admin.choose")}</option>
                  <KeyedOptions values={conclusions} prefix="assessment:conclusion." />
                </select>
              )}
            </Field>
            <Field name="justification" label={t("assessment:admin.justification")} hint={t("assessment:admin.justificationHint")} errors={errorsFor("decision")}>
              {(p) => <textarea {...p} rows={6} maxLength={10000} defaultValue={valueOf(valuesFor("decision"), "justification") ?? head.justification} />}
            </Field>
            <button type="submit" className="button">
              {t("assessment:admin.saveDecision")}
            </button>
          </Form>
        ) : (
          <p>
            <strong>{head.conclusion ? t(`assessment:conclusion.${head.conclusion}`) : "–"}</strong> {head.justification}
          </p>
        )}
        {editable ? (
          <IntentButton intent="submit" className="button">
            {t("assessment:admin.submit")}
          </IntentButton>
        ) : null}
        {head.status === "approval" ? (
          <>
            <p>{t("assessment:admin.awaiting", { date: head.submittedOn ?? "" })}</p>
            {isAuthor ? <p className="hint">{t("assessment:admin.notYou")}</p> : null}
            {canApprove ? (
              <>
                <IntentButton intent="approve" className="button">
                  {t("assessment:admin.approve")}
                </IntentButton>
                <Form method="post" className="form">
                  <CsrfField />
                  <input type="hidden" name="intent" value="return" />
                  <Field name="reason" label={t("assessment:admin.returnReason")}>
                    {(p) => <input {...p} type="text" maxLength={1000} />}
                  </Field>
                  <button type="submit" className="button button--secondary">
                    {t("assessment:admin.return")}
                  </button>
                </Form>
              </>
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t("assessment:admin.sections")}</h2>
        {sections.map((s) => {
          const sectionErrors = errorsFor("section", s.key);
          const current = mine("section", s.key) ? action!.current : undefined;
          return (
            <section key={s.key} id={`section-${s.key}`} className="form-subsection" aria-labelledby={`section-${s.key}-h`}>
              <h3 id={`section-${s.key}-h`}>{t(`assessment:section.${s.key}`)}</h3>
              <p className="hint">{t(`assessment:sectionHint.${s.key}`)}</p>
              {current ? (
                <div className="notice" role="status">
                  <p>{t("assessment:admin.staleSection")}</p>
                  <blockquote className="quote">{current.body}</blockquote>
                </div>
              ) : null}
              {editable ? (
                <Form method="post" noValidate className="form">
                  <CsrfField />
                  <input type="hidden" name="intent" value="section" />
                  <input type="hidden" name="key" value={s.key} />
                  <input type="hidden" name="revision" value={String(current?.revision ?? s.revision)} />
                  <Field name={`body-${s.key}`} label={t("assessment:admin.sectionText")} errors={sectionErrors.body ? { [`body-${s.key}`]: sectionErrors.body } : {}}>
                    {(p) => <textarea {...p} name="body" rows={6} maxLength={20000} defaultValue={valueOf(valuesFor("section", s.key), "body") ?? s.body} />}
                  </Field>
                  <button type="submit" className="button button--secondary">
                    {t("assessment:admin.saveSection")}
                  </button>
                </Form>
              ) : (
                <p>{s.body}</p>
              )}
              {s.evidence.length ? (
                <ul>
                  {s.evidence.map((e) => (
                    <li key={e.id}>
                      {e.url ? <a href={e.url}>{e.source}</a> : e.source}
                      {e.dated ? ` (${e.dated})` : null}
                      {e.attachmentId ? (
                        <>
                          {" · "}
                          <a href={`/register/${slug}/files/${e.attachmentId}`}>{e.attachmentTitle}</a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {editable ? (
                <details open={mine("evidence", s.key) || undefined}>
                  <summary>{t("assessment:admin.addEvidence")}</summary>
                  <Form method="post" noValidate className="form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="evidence" />
                    <input type="hidden" name="sectionKey" value={s.key} />
                    {(["source", "dated", "url"] as const).map((f) => {
                      const e = errorsFor("evidence", s.key);
                      return (
                        <Field key={f} name={`${f}-${s.key}`} label={t(`assessment:evidence.${f}`)} errors={e[f] ? { [`${f}-${s.key}`]: e[f] } : {}}>
                          {(p) => <input {...p} name={f} type={f === "dated" ? "date" : f === "url" ? "url" : "text"} defaultValue={valueOf(valuesFor("evidence", s.key), f) ?? ""} />}
                        </Field>
                      );
                    })}
                    {attachments.length ? (
                      <Field name={`attachmentId-${s.key}`} label={t("assessment:evidence.file")} errors={{}}>
                        {(p) => (
                          <select {...p} name="attachmentId" defaultValue={valueOf(valuesFor("evidence", s.key), "attachmentId") ?? ""}>
                            <option value="">–</option>
                            {attachments.map((a) => (
                              <option key={a.id} value={a.id}>
                                {a.title}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    ) : null}
                    <button type="submit" className="button button--secondary">
                      {t("assessment:admin.addEvidence")}
                    </button>
                  </Form>
                </details>
              ) : null}
            </section>
          );
        })}
      </section>

      <section id="monitoring" aria-labelledby="monitoring-heading">
        <h2 id="monitoring-heading">{t("assessment:monitoring.heading")}</h2>
        <p className="hint">{t("assessment:monitoring.intro")}</p>
        {indicators.map((m) => {
          const e = errorsFor("result", m.id);
          return (
            <section key={m.id} className="form-subsection" aria-labelledby={`ind-${m.id}`}>
              <h3 id={`ind-${m.id}`}>{m.name}</h3>
              <p>
                {t(`assessment:monitoring.rule.${m.direction}`, { threshold: `${m.threshold}${m.unit ? ` ${m.unit}` : ""}`, days: String(m.cadenceDays) })}
                <br />
                {m.lastObservedOn
                  ? t("assessment:monitoring.last", { value: `${m.lastValue}${m.unit ? ` ${m.unit}` : ""}`, date: m.lastObservedOn })
                  : t("assessment:monitoring.none")}
                {m.lastBreached ? <span className="tag tag--risk">{t("assessment:monitoring.breached")}</span> : null} · {t("assessment:monitoring.due", { date: m.dueOn ?? "" })}
              </p>
              <Form method="post" noValidate className="form form--inline">
                <CsrfField />
                <input type="hidden" name="intent" value="result" />
                <input type="hidden" name="indicatorId" value={m.id} />
                <Field name={`value-${m.id}`} label={t("assessment:monitoring.value")} errors={e.value ? { [`value-${m.id}`]: e.value } : {}}>
                  {(p) => <input {...p} name="value" type="number" step="any" inputMode="decimal" defaultValue={valueOf(valuesFor("result", m.id), "value") ?? ""} />}
                </Field>
                <Field name={`observedOn-${m.id}`} label={t("assessment:monitoring.observedOn")} errors={e.observedOn ? { [`observedOn-${m.id}`]: e.observedOn } : {}}>
                  {(p) => <input {...p} name="observedOn" type="date" defaultValue={valueOf(valuesFor("result", m.id), "observedOn") ?? ""} />}
                </Field>
                <button type="submit" className="button button--secondary">
                  {t("assessment:monitoring.record")}
                </button>
              </Form>
            </section>
          );
        })}
        <details open={mine("indicator") || undefined}>
          <summary>{t("assessment:monitoring.add")}</summary>
          <Form method="post" noValidate className="form">
            <CsrfField />
            <input type="hidden" name="intent" value="indicator" />
            <Field name="name" label={t("assessment:monitoring.name")} errors={errorsFor("indicator")}>
              {(p) => <input {...p} type="text" maxLength={200} defaultValue={valueOf(valuesFor("indicator"), "name") ?? ""} />}
            </Field>
            <Field name="direction" label={t("assessment:monitoring.direction")} errors={errorsFor("indicator")}>
              {(p) => (
                <select {...p} defaultValue={valueOf(valuesFor("indicator"), "direction") ?? "above"}>
                  <KeyedOptions values={indicatorDirections} prefix="assessment:monitoring.directionOption." />
                </select>
              )}
            </Field>
            <Field name="threshold" label={t("assessment:monitoring.threshold")} errors={errorsFor("indicator")}>
              {(p) => <input {...p} type="number" step="any" inputMode="decimal" defaultValue={valueOf(valuesFor("indicator"), "threshold") ?? ""} />}
            </Field>
            <Field name="unit" label={t("assessment:monitoring.unit")} errors={errorsFor("indicator")}>
              {(p) => <input {...p} type="text" maxLength={50} defaultValue={valueOf(valuesFor("indicator"), "unit") ?? ""} />}
            </Field>
            <Field name="cadenceDays" label={t("assessment:monitoring.cadence")} errors={errorsFor("indicator")}>
              {(p) => <input {...p} type="number" min={1} max={366} inputMode="numeric" defaultValue={valueOf(valuesFor("indicator"), "cadenceDays") ?? "30"} />}
            </Field>
            <button type="submit" className="button button--secondary">
              {t("assessment:monitoring.add")}
            </button>
          </Form>
        </details>
      </section>

      <LiveNotes assessmentId={head.id} />

      {versions.length ? (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">{t("assessment:public.versions")}</h2>
          <ol reversed className="versions">
            {versions.map((v) => (
              <li key={v.version}>
                <Link to={`/register/${slug}/assessment?version=${v.version}`}>{t("assessment:public.version", { version: String(v.version), date: v.publishedOn })}</Link> ·{" "}
                {t(`assessment:conclusion.${v.conclusion}`)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
