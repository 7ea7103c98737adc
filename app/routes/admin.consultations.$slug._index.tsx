import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, IntentButton, KeyedOptions, LanguageOptions, valueOf, valuesOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { languageNames, supportedLngs } from "~/i18n";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { formatDateTime, utcToZonedInput } from "~/lib/time-zone";
import { requirePermission } from "~/modules/auth/guards.server";
import {
  addTargetGroup,
  countSelfIdentifiedGroups,
  deleteTargetGroup,
  getConsultationForEditing,
  listTargetGroups,
  setConsultationStatus,
  updateConsultationSettings,
  updateTargetGroup,
} from "~/modules/consultations/manage.server";
import { AGGREGATE_MIN, consultationStatuses, ConsultationSettingsSchema, statusMoves, TargetGroupSchema } from "~/modules/consultations/schema";
import { lifecycleStages } from "~/modules/deployments/schema";
import { attributionModes } from "~/modules/inputs/schema";

export const handle = { i18n: ["admin", "dossier", "consultations", "inputs"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The consultation in any status, or 404; then the permission within the organisation that owns it. */
async function requireManaged(request: Request, context: Parameters<typeof requirePermission>[1], slug: string) {
  const consultation = await getConsultationForEditing(slug);
  const user = requirePermission(request, context, "manage:consultation", consultation.organisationId)!;
  return { consultation, user };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:consultation");
  const { consultation: c } = await requireManaged(request, context, params.slug!);
  const [groups, selfIdentified] = await Promise.all([listTargetGroups({ consultationId: c.id }), countSelfIdentifiedGroups({ consultationId: c.id })]);
  const viewerZone = context.timeZone ?? c.timeZone;
  const url = new URL(request.url);
  return {
    consultation: {
      ...c,
      // The form shows wall-clock times in the consultation's zone; the summary in the viewer's.
      opensInput: c.opensAt ? utcToZonedInput(c.opensAt, c.timeZone) : "",
      closesInput: c.closesAt ? utcToZonedInput(c.closesAt, c.timeZone) : "",
      opensText: c.opensAt ? formatDateTime(c.opensAt, context.locale, viewerZone) : null,
      closesText: c.closesAt ? formatDateTime(c.closesAt, context.locale, viewerZone) : null,
    },
    groups,
    selfIdentified,
    // Every IANA zone the runtime knows, UTC first.
    timeZones: ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")],
    saved: url.searchParams.get("saved"),
    title: tFor(context.locale)("admin:consultations.settings.pageTitle", { title: c.title }),
  };
}

type ActionData = { form: string; values: FormValues; errors: FieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "manage:consultation");
  const { consultation, user } = await requireManaged(request, context, params.slug!);
  const values = formValues(await request.formData());
  const intent = String(values.intent ?? "");
  const id = String(values.id ?? "");
  const done = (what: string) => redirect(`/admin/consultations/${consultation.slug}?saved=${what}`, 303);
  const refuse = (form: string, errors: FieldErrors, status = 400) => data<ActionData>({ form, values, errors }, { status });

  switch (intent) {
    case "save": {
      const parsed = ConsultationSettingsSchema.safeParse({ ...values, languages: valuesOf(values, "languages") });
      if (!parsed.success) return refuse("settings", fieldErrors(parsed.error));
      const saved = await updateConsultationSettings({ id: consultation.id, settings: parsed.data, actorId: user.id });
      if (!saved.ok) return refuse("settings", { languages: [saved.error] }, saved.status);
      return done("settings");
    }
    case "status": {
      const to = consultationStatuses.find((s) => s === values.to);
      if (!to) return refuse("status", { form: ["admin:consultations.errors.move"] });
      const moved = await setConsultationStatus({ id: consultation.id, to, actorId: user.id });
      if (!moved.ok) return refuse("status", { form: [moved.error] }, moved.status);
      return done("status");
    }
    case "addGroup":
    case "updateGroup": {
      const form = intent === "addGroup" ? "addGroup" : `group-${id}`;
      const parsed = TargetGroupSchema.safeParse(values);
      if (!parsed.success) return refuse(form, fieldErrors(parsed.error));
      if (intent === "addGroup") await addTargetGroup({ consultationId: consultation.id, ...parsed.data });
      else await updateTargetGroup({ consultationId: consultation.id, id, ...parsed.data });
      return done("groups");
    }
    case "deleteGroup":
      await deleteTargetGroup({ consultationId: consultation.id, id });
      return done("groups");
    default:
      return refuse("form", { form: ["dossier:errors.choose"] });
  }
}

export default function ConsultationSettings() {
  const { consultation: c, groups, selfIdentified, timeZones, saved } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  const stateOf = (form: string) => (action?.form === form ? { values: action.values, errors: action.errors } : { values: null, errors: {} as FieldErrors });
  const settings = stateOf("settings");
  const v = (name: string, saved: string) => (settings.values ? (valueOf(settings.values, name) ?? "") : saved);
  const status = stateOf("status");

  return (
    <>
      <p className="eyebrow">{c.deploymentName}</p>
      <h1>{c.title}</h1>
      {saved ? <Notice>{t(`admin:consultations.saved.${saved === "status" ? "status" : saved === "groups" ? "groups" : "settings"}`)}</Notice> : null}
      <p>
        <Link to={`/admin/consultations/${c.slug}/briefing`}>{t("admin:consultations.links.briefing")}</Link>
        {" · "}
        <Link to={`/admin/consultations/${c.slug}/responses`}>{t("admin:consultations.links.responses")}</Link>
        {c.status !== "draft" ? (
          <>
            {" · "}
            <Link to={`/c/${c.slug}`}>{t("admin:consultations.links.public")}</Link>
          </>
        ) : null}
      </p>

      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t("admin:consultations.status.heading")}</h2>
        <p>
          {t("admin:consultations.status.now", { status: t(`consultations:status.${c.status}`) })}
          {c.opensText ? ` · ${t("admin:consultations.status.opens", { date: c.opensText })}` : null}
          {c.closesText ? ` · ${t("admin:consultations.status.closes", { date: c.closesText })}` : null}
        </p>
        <ErrorSummary errors={status.errors} />
        {statusMoves[c.status].length ? (
          <div className="button-row">
            {statusMoves[c.status].map((to) => (
              <IntentButton key={to} intent="status" fields={{ to }} className={to === "open" ? "button" : "button button--secondary"}>
                {t(`admin:consultations.status.move.${to === "open" && c.status === "closed" ? "reopen" : to}`)}
              </IntentButton>
            ))}
          </div>
        ) : (
          <p className="hint">{t("admin:consultations.status.final")}</p>
        )}
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t("admin:consultations.settings.heading")}</h2>
        <ErrorSummary errors={settings.errors} />
        <Form method="post" noValidate className="form">
          <CsrfField />
          <input type="hidden" name="intent" value="save" />
          <Field name="title" label={t("admin:consultations.settings.title")} errors={settings.errors}>
            {(p) => <input {...p} type="text" defaultValue={v("title", c.title)} />}
          </Field>
          <Field name="summary" label={t("admin:consultations.settings.summary")} errors={settings.errors}>
            {(p) => <textarea {...p} rows={4} defaultValue={v("summary", c.summary)} />}
          </Field>
          <Field name="lang" label={t("admin:consultations.settings.lang")} errors={settings.errors}>
            {(p) => (
              <select {...p} defaultValue={v("lang", c.lang)}>
                <LanguageOptions />
              </select>
            )}
          </Field>
          <ChoiceGroup
            name="languages"
            legend={t("admin:consultations.settings.languages")}
            hint={t("admin:consultations.settings.languagesHint")}
            options={supportedLngs.map((l) => ({ value: l, label: languageNames[l], lang: l }))}
            checked={settings.values ? valuesOf(settings.values, "languages") : c.languages}
            errors={settings.errors}
          />
          <div className="checkbox">
            <input
              type="checkbox"
              id="allowUnreviewedLanguages"
              name="allowUnreviewedLanguages"
              aria-describedby="allowUnreviewedLanguages-hint"
              defaultChecked={settings.values ? valueOf(settings.values, "allowUnreviewedLanguages") === "on" : c.allowUnreviewedLanguages}
            />
            <label htmlFor="allowUnreviewedLanguages">{t("admin:consultations.settings.allowUnreviewed")}</label>
          </div>
          <p className="field__hint" id="allowUnreviewedLanguages-hint">
            {t("admin:consultations.settings.allowUnreviewedHint")}{" "}
            <Link to={`/admin/translations?consultation=${c.slug}`}>{t("admin:consultations.settings.translationsLink")}</Link>
          </p>
          <Field name="lifecycleStage" label={t("admin:consultations.settings.stage")} errors={settings.errors}>
            {(p) => (
              <select {...p} defaultValue={v("lifecycleStage", c.lifecycleStage)}>
                <KeyedOptions values={lifecycleStages} prefix="consultations:stage." />
              </select>
            )}
          </Field>
          <Field name="timeZone" label={t("admin:consultations.settings.timeZone")} hint={t("admin:consultations.settings.timeZoneHint")} errors={settings.errors}>
            {(p) => (
              <select {...p} defaultValue={v("timeZone", c.timeZone)}>
                {timeZones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="opensAt" label={t("admin:consultations.settings.opensAt")} hint={t("admin:consultations.settings.dateHint")} errors={settings.errors}>
            {(p) => <input {...p} type="datetime-local" defaultValue={v("opensAt", c.opensInput)} />}
          </Field>
          <Field name="closesAt" label={t("admin:consultations.settings.closesAt")} hint={t("admin:consultations.settings.dateHint")} errors={settings.errors}>
            {(p) => <input {...p} type="datetime-local" defaultValue={v("closesAt", c.closesInput)} />}
          </Field>
          <ChoiceGroup
            name="defaultAttribution"
            type="radio"
            legend={t("admin:consultations.settings.attribution")}
            hint={t("admin:consultations.settings.attributionHint")}
            options={attributionModes.map((m) => ({ value: m, label: t(`inputs:form.attribution.${m}`) }))}
            checked={[v("defaultAttribution", c.defaultAttribution)]}
            errors={settings.errors}
          />
          <Field name="moderationPolicy" label={t("admin:consultations.settings.moderationPolicy")} hint={t("admin:consultations.settings.moderationPolicyHint")} errors={settings.errors}>
            {(p) => <textarea {...p} rows={5} defaultValue={v("moderationPolicy", c.moderationPolicy)} />}
          </Field>
          <button type="submit" className="button">
            {t("admin:consultations.settings.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t("admin:consultations.groups.heading")}</h2>
        <p>{t("admin:consultations.groups.intro")}</p>
        {[...groups.map((g) => ({ key: `group-${g.id}`, g })), { key: "addGroup", g: null }].map(({ key, g }) => {
          const { values, errors } = stateOf(key);
          const prefixed = Object.fromEntries(Object.entries(errors).map(([k, list]) => [`${key}-${k}`, list]));
          const text = (name: "name" | "outreachNotes") => (values ? (valueOf(values, name) ?? "") : (g?.[name] ?? ""));
          return (
            <div key={key} className="form-subsection">
              <h3 id={`${key}-heading`}>{g ? g.name : t("admin:consultations.groups.add")}</h3>
              <ErrorSummary errors={prefixed} />
              <Form method="post" noValidate className="form" aria-labelledby={`${key}-heading`}>
                <CsrfField />
                <input type="hidden" name="intent" value={g ? "updateGroup" : "addGroup"} />
                {g ? <input type="hidden" name="id" value={g.id} /> : null}
                <Field name={`${key}-name`} label={t("admin:consultations.groups.name")} errors={prefixed}>
                  {(p) => <input {...p} name="name" type="text" defaultValue={text("name")} />}
                </Field>
                <Field name={`${key}-outreachNotes`} label={t("admin:consultations.groups.outreach")} hint={t("admin:consultations.groups.outreachHint")} errors={prefixed}>
                  {(p) => <textarea {...p} name="outreachNotes" rows={3} defaultValue={text("outreachNotes")} />}
                </Field>
                <button type="submit" className="button">
                  {g ? t("admin:consultations.groups.save", { name: g.name }) : t("admin:consultations.groups.addSubmit")}
                </button>
              </Form>
              {g ? (
                <IntentButton intent="deleteGroup" fields={{ id: g.id }}>
                  {t("admin:consultations.groups.delete", { name: g.name })}
                </IntentButton>
              ) : null}
            </div>
          );
        })}
        {selfIdentified.length ? (
          <>
            <h3>{t("admin:consultations.groups.selfIdentified")}</h3>
            <p className="hint">{t("admin:consultations.groups.selfIdentifiedHint", { min: AGGREGATE_MIN })}</p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("admin:consultations.groups.name")}</th>
                  <th scope="col">{t("admin:consultations.groups.count")}</th>
                </tr>
              </thead>
              <tbody>
                {selfIdentified.map((r) => (
                  <tr key={r.targetGroupId}>
                    <td>{r.name}</td>
                    <td>{r.count ?? t("admin:consultations.groups.fewer", { min: AGGREGATE_MIN })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </section>
    </>
  );
}

export { ErrorBoundary } from "~/root";
