import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, KeyedOptions, valueOf, valuesOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { requireAssessment } from "~/modules/assessment/access.server";
import {
  addMitigation,
  createImpact,
  getImpact,
  getTriageInput,
  listAffectedGroups,
  listImpactInputs,
  listRatingChanges,
  setMitigationStatus,
  updateImpact,
  type ImpactRow,
} from "~/modules/assessment/assessment.server";
import { isEditable, ratingDimensions, severityOf } from "~/modules/assessment/rules";
import { mitigationLevels, mitigationStatuses, rightsCatalogue } from "~/modules/assessment/constants";
import { ImpactSchema, MitigationSchema, MitigationStatusSchema } from "~/modules/assessment/schema";

export const handle = { i18n: ["admin", "assessment", "inputs", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

function numberParam(value: string | undefined): number | "new" {
  if (value === "new") return "new";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw data(null, { status: 404 });
  return n;
}

const uuidRe = /^[0-9a-f-]{36}$/;

/** One impact: its ratings with rationale, history, the inputs behind it and its mitigations; or a new one (?from=<input>). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { head } = await requireAssessment(request, context, params.slug!);
  const number = numberParam(params.number);
  const url = new URL(request.url);
  const fromId = url.searchParams.get("from");
  const from = fromId && uuidRe.test(fromId) ? await getTriageInput({ head, inputId: fromId }) : null;
  const groups = await listAffectedGroups(head.deploymentId);
  const t = tFor(context.locale, "assessment");
  if (number === "new") {
    return { head, impact: null, history: [], inputs: [], from, groups, done: null, title: t("assessment:impact.new") };
  }
  const impact = await getImpact({ assessmentId: head.id, number });
  const [history, inputs] = await Promise.all([listRatingChanges(impact.id), listImpactInputs(impact.id)]);
  return {
    head,
    impact: { ...impact, ...severityOf(impact) },
    history: history.map((h) => ({ ...h, changedOn: formatDate(h.createdAt, context.locale) })),
    inputs,
    from,
    groups,
    done: url.searchParams.get("done"),
    title: `#${impact.number} ${impact.title}`,
  };
}

type ActionData = { intent: string; values: FormValues; errors: FieldErrors; current?: ImpactRow };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, head } = await requireAssessment(request, context, params.slug!);
  const number = numberParam(params.number);
  const values = formValues(await request.formData());
  const intent = String(values.intent ?? "impact");
  const bad = (errors: FieldErrors, status = 400, current?: ImpactRow) => data<ActionData>({ intent, values, errors, current }, { status });
  const base = `/admin/assessments/${head.deploymentSlug}/impacts`;

  if (intent === "impact") {
    const parsed = ImpactSchema.safeParse(values);
    if (!parsed.success) return bad(fieldErrors(parsed.error));
    if (number === "new") {
      const fromInputId = typeof values.fromInputId === "string" && uuidRe.test(values.fromInputId) ? values.fromInputId : undefined;
      const result = await createImpact({ head, fields: parsed.data, fromInputId, actorId: user.id });
      if (!result.ok) return bad({ form: [result.error] }, result.status);
      return redirect(`${base}/${result.number}?done=created`, 303);
    }
    const impact = await getImpact({ assessmentId: head.id, number });
    const result = await updateImpact({ head, impactId: impact.id, revision: Number(values.revision), fields: parsed.data, actorId: user.id });
    if (!result.ok) return bad({ form: [result.error] }, result.status, "current" in result ? result.current : undefined);
    return redirect(`${base}/${number}?done=saved`, 303);
  }
  if (number === "new") return bad({ form: ["dossier:errors.choose"] });
  const impact = await getImpact({ assessmentId: head.id, number });
  if (intent === "mitigation") {
    const parsed = MitigationSchema.safeParse(values);
    if (!parsed.success) return bad(fieldErrors(parsed.error));
    const result = await addMitigation({ head, impactId: impact.id, fields: parsed.data, actorId: user.id });
    if (!result.ok) return bad({ form: [result.error] }, result.status);
    return redirect(`${base}/${number}?done=mitigation#mitigations`, 303);
  }
  if (intent === "mitigationStatus") {
    const parsed = MitigationStatusSchema.safeParse(values);
    if (!parsed.success) return bad(fieldErrors(parsed.error));
    const result = await setMitigationStatus({ head, ...parsed.data, actorId: user.id });
    if (!result.ok) return bad({ form: [result.error] }, result.status);
    return redirect(`${base}/${number}?done=mitigation#mitigations`, 303);
  }
  return bad({ form: ["dossier:errors.choose"] });
}

/** The form's values for an impact row, so the page can show a stored or a stale version the same way. */
function impactValues(i: ImpactRow): FormValues {
  const v: FormValues = {
    title: i.title,
    description: i.description,
    rights: i.rights,
    groupIds: i.groupIds,
    residualRationale: i.residualRationale,
    redLine: i.redLine ?? "",
    status: i.status,
    closedReason: i.closedReason,
  };
  for (const d of ratingDimensions) {
    v[d] = String(i[d]);
    v[`rationale${d[0].toUpperCase()}${d.slice(1)}`] = i.rationale[d] ?? "";
    const r = i[`residual${d[0].toUpperCase()}${d.slice(1)}` as "residualScale"];
    v[`residual${d[0].toUpperCase()}${d.slice(1)}`] = r === null ? "" : String(r);
  }
  return v;
}

const cap = (d: string) => d[0].toUpperCase() + d.slice(1);

export default function ImpactPage() {
  const { head, impact, history, inputs, from, groups, done } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  const editable = isEditable(head.status);
  const mine = action?.intent === "impact";
  const errors = mine ? action.errors : {};
  const values: FormValues = mine ? action.values : impact ? impactValues(impact as unknown as ImpactRow) : {};
  const revision = mine && action.current ? action.current.revision : impact?.revision;
  const slug = head.deploymentSlug;
  const redLineLabel = (id: string) => (id.startsWith("other:") ? (head.redLines.find((r) => r.id === id)?.text ?? id) : t(`dossier:redLine.${id}`));
  return (
    <>
      <p className="eyebrow">
        <Link to={`/admin/assessments/${slug}`}>{t("assessment:admin.title", { name: head.deploymentName })}</Link>
      </p>
      <h1>{impact ? `#${impact.number} ${impact.title}` : t("assessment:impact.new")}</h1>
      {done ? <Notice>{t(`assessment:impact.done.${done}`, { defaultValue: t("assessment:admin.done.saved") })}</Notice> : null}
      {action ? <ErrorSummary errors={action.errors} /> : null}
      {impact ? (
        <p className="status-line">
          <strong>{t(`assessment:severity.${impact.severity}`)}</strong> · {t("assessment:priority", { priority: String(impact.priority) })}
        </p>
      ) : null}
      {mine && action.current ? (
        <div className="notice" role="status">
          <p>{t("assessment:impact.stale")}</p>
          <p>
            <strong>{action.current.title}</strong> ·{" "}
            {ratingDimensions.map((d) => `${t(`assessment:dimension.${d}`)} ${action.current![d]}`).join(" · ")}
          </p>
        </div>
      ) : null}
      {from ? (
        <section className="panel" aria-labelledby="from-heading">
          <h2 id="from-heading">{t("assessment:impact.fromInput")}</h2>
          <blockquote className="quote" lang={from.lang}>
            {from.body}
          </blockquote>
        </section>
      ) : null}
      {editable ? (
        <Form method="post" noValidate className="form">
          <CsrfField />
          <input type="hidden" name="intent" value="impact" />
          {revision ? <input type="hidden" name="revision" value={String(revision)} /> : null}
          {from ? <input type="hidden" name="fromInputId" value={from.id} /> : null}
          <Field name="title" label={t("assessment:impact.title")} errors={errors}>
            {(p) => <input {...p} type="text" maxLength={200} defaultValue={valueOf(values, "title") ?? ""} />}
          </Field>
          <Field name="description" label={t("assessment:impact.description")} errors={errors}>
            {(p) => <textarea {...p} rows={4} maxLength={10000} defaultValue={valueOf(values, "description") ?? ""} />}
          </Field>
          <ChoiceGroup
            name="rights"
            legend={t("assessment:rights")}
            hint={t("assessment:impact.rightsHint")}
            options={rightsCatalogue.map((r) => ({ value: r.id, label: `${t(`inputs:right.${r.id}`)} (${r.instruments})` }))}
            checked={valuesOf(values, "rights")}
            errors={errors}
          />
          {groups.length ? (
            <ChoiceGroup
              name="groupIds"
              legend={t("assessment:groups")}
              options={groups.map((g) => ({ value: g.id, label: g.name }))}
              checked={valuesOf(values, "groupIds")}
              errors={errors}
            />
          ) : null}
          <h2>{t("assessment:impact.inherent")}</h2>
          <p className="hint">{t("assessment:impact.inherentHint")}</p>
          {ratingDimensions.map((d) => (
            <div key={d} className="form-subsection">
              <ChoiceGroup
                name={d}
                type="radio"
                legend={t(`assessment:dimension.${d}`)}
                options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: `${n}: ${t(`inputs:severity.${d}.${n}`)}` }))}
                checked={valuesOf(values, d)}
                errors={errors}
              />
              <Field name={`rationale${cap(d)}`} label={t("assessment:impact.rationale", { dimension: t(`assessment:dimension.${d}`) })} errors={errors}>
                {(p) => <textarea {...p} rows={2} maxLength={2000} defaultValue={valueOf(values, `rationale${cap(d)}`) ?? ""} />}
              </Field>
            </div>
          ))}
          <h2>{t("assessment:impact.residualHeading")}</h2>
          <p className="hint">{t("assessment:impact.residualHint")}</p>
          {ratingDimensions.map((d) => (
            <Field key={d} name={`residual${cap(d)}`} label={t(`assessment:dimension.${d}`)} errors={errors}>
              {(p) => (
                <select {...p} defaultValue={valueOf(values, `residual${cap(d)}`) ?? ""}>
                  <option value="">{t("assessment:impact.notRated")}</option>
                  {[1, 2, 3, 4].map((n) => (
                    <option key={n} value={String(n)}>
                      {n}: {t(`inputs:severity.${d}.${n}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          <Field name="residualRationale" label={t("assessment:impact.residualRationale")} errors={errors}>
            {(p) => <textarea {...p} rows={2} maxLength={4000} defaultValue={valueOf(values, "residualRationale") ?? ""} />}
          </Field>
          <Field name="redLine" label={t("assessment:impact.redLine")} hint={t("assessment:impact.redLineHint")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue={valueOf(values, "redLine") ?? ""}>
                <option value="">{t("assessment:impact.noRedLine")}</option>
                {head.redLines.map((r) => (
                  <option key={r.id} value={r.id}>
                    {redLineLabel(r.id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="status" label={t("assessment:impact.status")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue={valueOf(values, "status") ?? "open"}>
                <KeyedOptions values={["open", "closed"]} prefix="assessment:impactStatus." />
              </select>
            )}
          </Field>
          <Field name="closedReason" label={t("assessment:impact.closedReason")} errors={errors}>
            {(p) => <textarea {...p} rows={2} maxLength={2000} defaultValue={valueOf(values, "closedReason") ?? ""} />}
          </Field>
          {inputs.length || from ? (
            <ChoiceGroup
              name="causedBy"
              legend={t("assessment:impact.causedBy")}
              hint={t("assessment:impact.causedByHint")}
              options={[...(from ? [{ inputId: from.id, body: from.body, lang: from.lang }] : []), ...inputs]
                .filter((i, n, all) => all.findIndex((x) => x.inputId === i.inputId) === n)
                .slice(0, 30)
                .map((i) => ({ value: i.inputId, label: i.body.slice(0, 140), lang: i.lang }))}
              checked={valuesOf(values, "causedBy")}
              errors={errors}
            />
          ) : null}
          <button type="submit" className="button">
            {impact ? t("assessment:impact.save") : t("assessment:impact.create")}
          </button>
        </Form>
      ) : (
        <p>{t("assessment:admin.frozen")}</p>
      )}

      {impact ? (
        <>
          <section id="mitigations" aria-labelledby="mitigations-heading">
            <h2 id="mitigations-heading">{t("assessment:mitigations")}</h2>
            <ul>
              {impact.mitigations.map((m) => (
                <li key={m.id}>
                  <strong>{t(`assessment:level.${m.level}`)}</strong>: {m.description}
                  <span className="hint">
                    {" "}
                    ({m.owner || "–"}
                    {m.dueOn ? ` · ${m.dueOn}` : ""}
                    {m.isCondition ? ` · ${t("assessment:condition")}` : ""})
                  </span>
                  {editable ? (
                    <Form method="post" className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="intent" value="mitigationStatus" />
                      <input type="hidden" name="mitigationId" value={m.id} />
                      <label className="visually-hidden" htmlFor={`status-${m.id}`}>
                        {t("assessment:impact.mitigationStatus")}
                      </label>
                      <select id={`status-${m.id}`} name="status" defaultValue={m.status}>
                        <KeyedOptions values={mitigationStatuses} prefix="assessment:mitigationStatus." />
                      </select>{" "}
                      <button type="submit" className="button button--secondary">
                        {t("assessment:impact.setStatus")}
                      </button>
                    </Form>
                  ) : (
                    <> · {t(`assessment:mitigationStatus.${m.status}`)}</>
                  )}
                </li>
              ))}
            </ul>
            {editable ? (
              <details open={action?.intent === "mitigation" || undefined}>
                <summary>{t("assessment:impact.addMitigation")}</summary>
                <Form method="post" noValidate className="form">
                  <CsrfField />
                  <input type="hidden" name="intent" value="mitigation" />
                  {(() => {
                    const e = action?.intent === "mitigation" ? action.errors : {};
                    const v = action?.intent === "mitigation" ? action.values : {};
                    return (
                      <>
                        <Field name="level" label={t("assessment:impact.level")} errors={e}>
                          {(p) => (
                            <select {...p} defaultValue={valueOf(v, "level") ?? "reduce"}>
                              <KeyedOptions values={mitigationLevels} prefix="assessment:level." />
                            </select>
                          )}
                        </Field>
                        <Field name="mitigationDescription" label={t("assessment:impact.mitigationDescription")} errors={e.description ? { mitigationDescription: e.description } : {}}>
                          {(p) => <textarea {...p} name="description" rows={3} maxLength={4000} defaultValue={valueOf(v, "description") ?? ""} />}
                        </Field>
                        <Field name="owner" label={t("assessment:impact.owner")} errors={e}>
                          {(p) => <input {...p} type="text" maxLength={200} defaultValue={valueOf(v, "owner") ?? ""} />}
                        </Field>
                        <Field name="dueOn" label={t("assessment:impact.dueOn")} errors={e}>
                          {(p) => <input {...p} type="date" defaultValue={valueOf(v, "dueOn") ?? ""} />}
                        </Field>
                        <div className="checkbox">
                          <input type="checkbox" id="isCondition" name="isCondition" value="on" defaultChecked={valueOf(v, "isCondition") === "on"} />
                          <label htmlFor="isCondition">{t("assessment:impact.isCondition")}</label>
                        </div>
                        {inputs.length ? (
                          <Field name="sourceInputId" label={t("assessment:impact.sourceInput")} errors={e}>
                            {(p) => (
                              <select {...p} defaultValue={valueOf(v, "sourceInputId") ?? ""}>
                                <option value="">–</option>
                                {inputs
                                  .filter((i, n, all) => all.findIndex((x) => x.inputId === i.inputId) === n)
                                  .map((i) => (
                                    <option key={i.inputId} value={i.inputId}>
                                      {i.body.slice(0, 80)}
                                    </option>
                                  ))}
                              </select>
                            )}
                          </Field>
                        ) : null}
                      </>
                    );
                  })()}
                  <button type="submit" className="button button--secondary">
                    {t("assessment:impact.addMitigation")}
                  </button>
                </Form>
              </details>
            ) : null}
          </section>

          <section aria-labelledby="inputs-heading">
            <h2 id="inputs-heading">{t("assessment:impact.inputs", { count: inputs.length })}</h2>
            <ul>
              {inputs.map((i) => (
                <li key={i.linkId}>
                  <strong>{t(`assessment:link.${i.kind}`)}</strong>
                  {i.note ? ` · ${i.note}` : ""}
                  <blockquote className="quote" lang={i.lang}>
                    {i.body}
                  </blockquote>
                  <Link to={`/admin/assessments/${slug}/inputs/${i.inputId}`}>{t("assessment:triage.open")}</Link>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t("assessment:impact.history")}</h2>
            {history.length ? (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("assessment:impact.when")}</th>
                    <th scope="col">{t("assessment:impact.what")}</th>
                    <th scope="col">{t("assessment:impact.fromTo")}</th>
                    <th scope="col">{t("assessment:impact.who")}</th>
                    <th scope="col">{t("assessment:impact.why")}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h, n) => (
                    <tr key={n}>
                      <td>{h.changedOn}</td>
                      <td>
                        {t(`assessment:dimension.${h.dimension}`)} ({t(`assessment:phase.${h.phase}`)})
                      </td>
                      <td>{`${h.fromValue ?? "–"} → ${h.toValue ?? "–"}`}</td>
                      <td>{h.changedBy ?? "–"}</td>
                      <td>
                        {h.rationale}
                        {h.inputIds.length ? (
                          <>
                            {" "}
                            ({h.inputIds.map((id, k) => (
                              <span key={id}>
                                {k ? ", " : ""}
                                <Link to={`/admin/assessments/${slug}/inputs/${id}`}>{t("assessment:impact.input", { n: String(k + 1) })}</Link>
                              </span>
                            ))}
                            )
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p>–</p>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
