import { useTranslation } from "~/lib/i18n-react";
import { Field } from "~/components/forms";
import type { FieldErrors } from "~/lib/forms";
import {
  biasGrounds,
  evidenceKinds,
  highRiskAreas,
  lifecycleStages,
  operationalStatuses,
  procurementChecks,
  redLineCatalogue,
  sectors,
} from "~/modules/deployments/schema";

/** A dossier as the form shows it: the saved draft, or what was just submitted (possibly invalid). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Values = Record<string, any>;

const at = (v: Values, path: string): unknown => path.split(".").reduce<unknown>((node, k) => (node && typeof node === "object" ? (node as Values)[k] : undefined), v);
const str = (v: Values, path: string) => {
  const x = at(v, path);
  return Array.isArray(x) ? x.join("\n") : x === undefined || x === null ? "" : String(x);
};
const list = (v: Values, path: string): string[] => {
  const x = at(v, path);
  return Array.isArray(x) ? x.map(String) : [];
};

function TextArea({ path, values, errors, hint, rows = 4 }: { path: string; values: Values; errors: FieldErrors; hint?: string; rows?: number }) {
  const { t } = useTranslation();
  return (
    <Field name={path} label={t(`dossier:field.${path}`)} hint={hint} errors={errors}>
      {(p) => <textarea {...p} rows={rows} defaultValue={str(values, path)} />}
    </Field>
  );
}

function Text({ path, values, errors, hint, type = "text" }: { path: string; values: Values; errors: FieldErrors; hint?: string; type?: string }) {
  const { t } = useTranslation();
  return (
    <Field name={path} label={t(`dossier:field.${path}`)} hint={hint} errors={errors}>
      {(p) => <input {...p} type={type} defaultValue={str(values, path)} />}
    </Field>
  );
}

function Choice({ path, values, errors, options, prefix }: { path: string; values: Values; errors: FieldErrors; options: readonly string[]; prefix: string }) {
  const { t } = useTranslation();
  return (
    <Field name={path} label={t(`dossier:field.${path}`)} errors={errors}>
      {(p) => (
        <select {...p} defaultValue={str(values, path)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {t(`${prefix}${o}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Checkboxes({ path, label, values, errors, options, prefix }: { path: string; label: string; values: Values; errors: FieldErrors; options: readonly string[]; prefix: string }) {
  const { t } = useTranslation();
  const chosen = new Set(list(values, path));
  const error = errors[path]?.[0];
  return (
    <fieldset className="field" id={path} aria-describedby={error ? `${path}-error` : undefined}>
      <legend className="field__label">{label}</legend>
      {error ? (
        <p className="field__error" id={`${path}-error`}>
          {t(error)}
        </p>
      ) : null}
      {options.map((o) => (
        <div className="checkbox" key={o}>
          <input type="checkbox" id={`${path}-${o}`} name={path} value={o} defaultChecked={chosen.has(o)} />
          <label htmlFor={`${path}-${o}`}>{t(`${prefix}${o}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * Every field of a dossier as one plain form (works without JavaScript). Errors sit beside their
 * fields, keyed by dotted path; testing entries show the saved ones plus one empty entry to fill in.
 */
export function DossierFields({ values, errors }: { values: Values; errors: FieldErrors }) {
  const { t } = useTranslation();
  const testing: Values[] = Array.isArray(values.testing) ? values.testing : [];
  const rows = [...testing, { kind: "pilot" }];
  const linesHint = t("dossier:hint.lines");
  return (
    <>
      <fieldset className="form-section">
        <legend>{t("dossier:section.identity")}</legend>
        <Text path="identity.name" values={values} errors={errors} />
        <Text path="identity.responsibleOffice" values={values} errors={errors} />
        <Text path="identity.contact" values={values} errors={errors} />
        <TextArea path="identity.legalBasis" values={values} errors={errors} rows={3} />
        <Choice path="identity.sector" values={values} errors={errors} options={sectors} prefix="dossier:sector." />
        <Choice path="identity.lifecycleStage" values={values} errors={errors} options={lifecycleStages} prefix="dossier:stage." />
        <Choice path="identity.status" values={values} errors={errors} options={operationalStatuses} prefix="dossier:status." />
        <Text path="identity.plannedStart" values={values} errors={errors} type="date" hint={t("dossier:hint.date")} />
        <Text path="identity.plannedEnd" values={values} errors={errors} type="date" hint={t("dossier:hint.date")} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("dossier:section.purpose")}</legend>
        {["purpose", "objectives", "uses", "misuses", "benefits"].map((k) => (
          <TextArea key={k} path={`purpose.${k}`} values={values} errors={errors} />
        ))}
        <TextArea path="purpose.affectedGroups" values={values} errors={errors} hint={linesHint} />
        <TextArea path="purpose.mostImpacted" values={values} errors={errors} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("dossier:section.system")}</legend>
        {["does", "doesNot", "capabilities", "limitations", "failureModes", "accuracy", "accuracyByGroup", "humanOversight", "decisionsFed"].map((k) => (
          <TextArea key={k} path={`system.${k}`} values={values} errors={errors} />
        ))}
        <Text path="system.model" values={values} errors={errors} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("dossier:section.data")}</legend>
        {["sources", "provenance", "personalData", "representativeness", "retention", "sharing"].map((k) => (
          <TextArea key={k} path={`data.${k}`} values={values} errors={errors} />
        ))}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("dossier:section.testing")}</legend>
        <p className="field__hint">{t("admin:deployments.edit.addEvidence")}</p>
        {rows.map((row, i) => (
          <fieldset key={i} className="form-subsection">
            <legend>
              {t("dossier:section.testing")} {i + 1}
            </legend>
            <Field name={`testing.${i}.kind`} label={t("dossier:field.testing.kind")} errors={errors}>
              {(p) => (
                <select {...p} defaultValue={String(row.kind ?? "pilot")}>
                  {evidenceKinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`dossier:evidenceKind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name={`testing.${i}.date`} label={t("dossier:field.testing.date")} hint={t("dossier:hint.date")} errors={errors}>
              {(p) => <input {...p} type="date" defaultValue={String(row.date ?? "")} />}
            </Field>
            <Checkboxes path={`testing.${i}.grounds`} label={t("dossier:field.testing.grounds")} values={{ testing: rows }} errors={errors} options={biasGrounds} prefix="dossier:ground." />
            {(["method", "result"] as const).map((k) => (
              <Field key={k} name={`testing.${i}.${k}`} label={t(`dossier:field.testing.${k}`)} errors={errors}>
                {(p) => <textarea {...p} rows={3} defaultValue={String(row[k] ?? "")} />}
              </Field>
            ))}
            <Field name={`testing.${i}.link`} label={t("dossier:field.testing.link")} hint={t("dossier:hint.link")} errors={errors}>
              {(p) => <input {...p} type="url" defaultValue={String(row.link ?? "")} />}
            </Field>
            {i < testing.length ? (
              <div className="checkbox">
                <input type="checkbox" id={`testing.${i}.remove`} name={`testing.${i}.remove`} />
                <label htmlFor={`testing.${i}.remove`}>{t("dossier:field.testing.remove")}</label>
              </div>
            ) : null}
          </fieldset>
        ))}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("dossier:section.procurement")}</legend>
        <Text path="procurement.vendor" values={values} errors={errors} />
        {procurementChecks.map((c) => (
          <fieldset key={c} className="form-subsection">
            <legend>{t(`dossier:check.${c}`)}</legend>
            <div className="checkbox">
              <input type="checkbox" id={`procurement.checks.${c}.done`} name={`procurement.checks.${c}.done`} defaultChecked={at(values, `procurement.checks.${c}.done`) === true} />
              <label htmlFor={`procurement.checks.${c}.done`}>{t("dossier:field.procurement.done")}</label>
            </div>
            <Field name={`procurement.checks.${c}.evidence`} label={t("dossier:field.procurement.evidence")} errors={errors}>
              {(p) => <textarea {...p} rows={2} defaultValue={str(values, `procurement.checks.${c}.evidence`)} />}
            </Field>
          </fieldset>
        ))}
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("dossier:section.risk")}</legend>
        <Checkboxes path="risk.highRiskAreas" label={t("dossier:field.risk.highRiskAreas")} values={values} errors={errors} options={highRiskAreas} prefix="dossier:highRisk." />
        <Checkboxes path="risk.redLines" label={t("dossier:field.risk.redLines")} values={values} errors={errors} options={redLineCatalogue} prefix="dossier:redLine." />
        <TextArea path="risk.otherRedLines" values={values} errors={errors} hint={linesHint} />
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("dossier:section.remedy")}</legend>
        {["responsibleEntity", "process", "deadlines", "optOut"].map((k) => (
          <TextArea key={k} path={`remedy.${k}`} values={values} errors={errors} rows={3} />
        ))}
      </fieldset>
    </>
  );
}
