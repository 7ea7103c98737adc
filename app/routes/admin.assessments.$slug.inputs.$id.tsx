import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, IntentButton, valueOf, valuesOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { useShortcuts } from "~/components/shortcuts";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { can } from "~/modules/auth/permissions";
import { applyTranslation, findTranslations } from "~/modules/translations/translations.server";
import { formatDate } from "~/lib/format";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { requireAssessment } from "~/modules/assessment/access.server";
import {
  findNextUnprocessed,
  getTriageInput,
  linkInputs,
  listImpacts,
  listInputLinks,
  listSimilarInputs,
  unlinkInput,
} from "~/modules/assessment/assessment.server";
import { isEditable } from "~/modules/assessment/rules";
import { linkKinds } from "~/modules/assessment/constants";
import { LinkSchema } from "~/modules/assessment/schema";

export const handle = { i18n: ["admin", "assessment", "inputs", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

function inputId(value: string | undefined): string {
  if (!value || !/^[0-9a-f-]{36}$/.test(value)) throw data(null, { status: 404 });
  return value;
}

/** One input in triage: what it says, its links to the assessment, similar inputs to handle with it, and the link form. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { head, user } = await requireAssessment(request, context, params.slug!, "triage:input");
  const input = await getTriageInput({ head, inputId: inputId(params.id) });
  const [links, similar, impacts, next, translations] = await Promise.all([
    listInputLinks(input.id),
    listSimilarInputs({ inputId: input.id }),
    listImpacts(head.id),
    findNextUnprocessed({ consultationId: input.consultationId, createdAt: input.createdAt, id: input.id }),
    input.lang === context.locale ? null : findTranslations({ entity: "input", ids: [input.id], lang: context.locale }),
  ]);
  // Issue #9: the analyst reads it in their language too where a translation exists, marked with how far
  // to trust it; the original stays first, as the evidence.
  const shown = translations ? applyTranslation({ body: input.body }, ["body"], translations.get(input.id), context.locale) : null;
  return {
    head,
    translated: shown?.translation ? { body: shown.value.body, ...shown.translation } : null,
    translateLink: input.lang !== context.locale && can(user, "edit:translation") ? `/admin/translations/input/${input.id}/${context.locale}` : null,
    input: { ...input, createdOn: formatDate(input.createdAt, context.locale) },
    links,
    similar,
    impacts: impacts.map((i) => ({ id: i.id, number: i.number, title: i.title })),
    next,
    done: new URL(request.url).searchParams.get("done"),
    title: tFor(context.locale, "assessment")("assessment:triage.inputTitle"),
  };
}

type ActionData = { values: FormValues; errors: FieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, head } = await requireAssessment(request, context, params.slug!, "triage:input");
  const id = inputId(params.id);
  const values = formValues(await request.formData());
  const here = `/admin/assessments/${head.deploymentSlug}/inputs/${id}`;
  if (values.intent === "unlink") {
    const result = await unlinkInput({ head, linkId: String(values.linkId ?? ""), actorId: user.id });
    if (!result.ok) return data<ActionData>({ values, errors: { form: [result.error] } }, { status: result.status });
    return redirect(`${here}?done=unlinked`, 303);
  }
  // The input on this page always goes with the similar ones ticked beside it.
  const parsed = LinkSchema.safeParse({ ...values, inputIds: [id, ...valuesOf(values, "similar")] });
  if (!parsed.success) return data<ActionData>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await linkInputs({ head, ...parsed.data, actorId: user.id });
  if (!result.ok) return data<ActionData>({ values, errors: { form: [result.error] } }, { status: result.status });
  if (values.then === "next" && typeof values.next === "string" && /^[0-9a-f-]{36}$/.test(values.next)) {
    return redirect(`/admin/assessments/${head.deploymentSlug}/inputs/${values.next}?done=linked`, 303);
  }
  return redirect(`${here}?done=linked`, 303);
}

export default function TriageInput() {
  const { head, input, links, similar, impacts, next, done, translated, translateLink } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errors = action?.errors ?? {};
  const values = action?.values ?? {};
  const slug = head.deploymentSlug;
  const editable = isEditable(head.status);
  const keys = useMemo(() => {
    const map: Record<string, () => void> = {};
    linkKinds.forEach((k, n) => {
      map[String(n + 1)] = () => {
        const el = document.getElementById(n === 0 ? "kind" : `kind-${k}`) as HTMLInputElement | null;
        if (el) {
          el.checked = true;
          el.focus();
        }
      };
    });
    map.i = () => document.getElementById("impactId")?.focus();
    map.n = () => document.getElementById("note")?.focus();
    if (next) map.j = () => navigate(`/admin/assessments/${slug}/inputs/${next}`);
    map.q = () => navigate(`/admin/assessments/${slug}/triage`);
    return map;
  }, [next, slug, navigate]);
  useShortcuts(keys);
  return (
    <>
      <p className="eyebrow">
        <Link to={`/admin/assessments/${slug}/triage`}>{t("assessment:triage.heading")}</Link>
      </p>
      <h1>{t("assessment:triage.inputTitle")}</h1>
      {done ? <Notice>{t(`assessment:triage.done.${done}`, { defaultValue: t("assessment:admin.done.saved") })}</Notice> : null}
      <ErrorSummary errors={errors} />
      <p className="hint">
        {input.createdOn} · {input.lang}
        {input.sectionRef?.startsWith("question:") ? ` · ${input.sectionRef.slice(9)}` : ""}
        {input.facilitated ? ` · ${t("assessment:triage.facilitatedFor", { count: input.onBehalfCount ?? 0 })}` : ""}
        {input.joint ? ` · ${t("assessment:triage.jointTag")}` : ""}
        {input.status !== "published" ? ` · ${input.status}` : ""}
      </p>
      <blockquote className="quote" lang={input.lang}>
        {input.body}
      </blockquote>
      {translated ? (
        <>
          <p className="hint translation-note" data-translation-status={translated.status}>
            {t(`consultations:translation.${translated.status}`)}
          </p>
          <blockquote className="quote" lang={translated.lang} dir={dirOf(translated.lang)}>
            {translated.body}
          </blockquote>
        </>
      ) : null}
      {translateLink ? (
        <p>
          <Link to={translateLink}>{t("assessment:triage.translate")}</Link>
        </p>
      ) : null}
      {input.concerns.length ? <p>{input.concerns.map((c) => t(`inputs:concern.${c}`)).join(" · ")}</p> : null}
      {input.rights.length ? <p>{input.rights.map((r) => t(`inputs:right.${r}`)).join(" · ")}</p> : null}
      {input.sevScale || input.sevScope || input.sevReversibility || input.sevLikelihood ? (
        <p>
          {(["scale", "scope", "reversibility", "likelihood"] as const)
            .map((d) => {
              const v = input[`sev${d[0].toUpperCase()}${d.slice(1)}` as "sevScale"];
              return v ? `${t(`assessment:dimension.${d}`)}: ${t(`inputs:severity.${d}.${v}`)}` : null;
            })
            .filter(Boolean)
            .join(" · ")}
        </p>
      ) : null}
      {input.proposedMitigation ? (
        <p>
          <strong>{t("assessment:triage.proposed")}</strong> <span lang={input.lang}>{input.proposedMitigation}</span>
        </p>
      ) : null}
      <p>
        <Link to={`/c/${input.consultationSlug}#input-${input.id}`}>{t("assessment:triage.onBoard")}</Link>
        {next ? (
          <>
            {" · "}
            <Link to={`/admin/assessments/${slug}/inputs/${next}`}>{t("assessment:triage.nextUnprocessed")}</Link>
          </>
        ) : null}
      </p>

      <section aria-labelledby="links-heading">
        <h2 id="links-heading">{t("assessment:triage.links")}</h2>
        {links.length ? (
          <ul>
            {links.map((l) => (
              <li key={l.id}>
                <strong>{t(`assessment:link.${l.kind}`)}</strong>
                {l.impactNumber ? (
                  <>
                    {" "}
                    <Link to={`/admin/assessments/${slug}/impacts/${l.impactNumber}`}>
                      #{l.impactNumber} {l.impactTitle}
                    </Link>
                  </>
                ) : null}
                {l.note ? ` · ${l.note}` : ""}{" "}
                {editable ? (
                  <IntentButton intent="unlink" fields={{ linkId: l.id }}>
                    {t("assessment:triage.unlink")}
                  </IntentButton>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("assessment:triage.unprocessedTag")}</p>
        )}
      </section>

      {editable ? (
        <section aria-labelledby="link-heading" className="panel">
          <h2 id="link-heading">{t("assessment:triage.record")}</h2>
          <details className="hint">
            <summary>{t("assessment:triage.shortcuts")}</summary>
            <p>{t("assessment:triage.shortcutsInput")}</p>
          </details>
          <Form method="post" noValidate className="form">
            <CsrfField />
            <input type="hidden" name="intent" value="link" />
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <fieldset className="field" data-invalid={errors.kind ? "" : undefined} aria-describedby={errors.kind ? "kind-error" : undefined}>
              <legend className="field__label">{t("assessment:triage.kind")}</legend>
              {errors.kind ? (
                <p className="field__error" id="kind-error">
                  {t(errors.kind[0])}
                </p>
              ) : null}
              {linkKinds.map((k, n) => (
                <div className="checkbox" key={k}>
                  <input type="radio" id={n === 0 ? "kind" : `kind-${k}`} name="kind" value={k} defaultChecked={valueOf(values, "kind") === k} />
                  <label htmlFor={n === 0 ? "kind" : `kind-${k}`}>
                    {n + 1}. {t(`assessment:link.${k}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            <Field name="impactId" label={t("assessment:triage.impact")} hint={t("assessment:triage.impactHint")} errors={errors}>
              {(p) => (
                <select {...p} defaultValue={valueOf(values, "impactId") ?? ""}>
                  <option value="">–</option>
                  {impacts.map((i) => (
                    <option key={i.id} value={i.id}>
                      {`#${i.number} ${i.title}`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="note" label={t("assessment:triage.note")} errors={errors}>
              {(p) => <input {...p} type="text" maxLength={1000} defaultValue={valueOf(values, "note") ?? ""} />}
            </Field>
            {similar.length ? (
              <fieldset className="field">
                <legend className="field__label">{t("assessment:triage.similar", { count: similar.length })}</legend>
                <p className="field__hint">{t("assessment:triage.similarHint")}</p>
                {similar.map((s) => (
                  <div className="checkbox" key={s.id}>
                    <input type="checkbox" id={`similar-${s.id}`} name="similar" value={s.id} defaultChecked={valuesOf(values, "similar").includes(s.id)} />
                    <label htmlFor={`similar-${s.id}`}>
                      <span lang={s.lang}>{s.excerpt}</span>{" "}
                      <span className="hint">
                        ({Math.round(s.similarity * 100)}%{s.processed ? `, ${t("assessment:triage.processedTag")}` : ""})
                      </span>
                    </label>
                  </div>
                ))}
              </fieldset>
            ) : null}
            <button type="submit" className="button">
              {t("assessment:triage.save")}
            </button>{" "}
            {next ? (
              <button type="submit" name="then" value="next" className="button button--secondary">
                {t("assessment:triage.saveNext")}
              </button>
            ) : null}
          </Form>
          <p>
            <Link to={`/admin/assessments/${slug}/impacts/new?from=${input.id}`}>{t("assessment:triage.newImpact")}</Link>
          </p>
        </section>
      ) : (
        <p>{t("assessment:admin.frozen")}</p>
      )}
    </>
  );
}

export { ErrorBoundary } from "~/root";
