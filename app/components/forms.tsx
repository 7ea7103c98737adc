import { Form, useActionData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { languageNames, supportedLngs } from "~/i18n";
import type { FieldErrors, FormFailure, FormValues } from "~/lib/forms";
import type { RootData } from "~/root";

/** The hidden CSRF field every POST form carries (server/csrf.ts). */
export function CsrfField() {
  const root = useRouteLoaderData<RootData>("root");
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />;
}

/**
 * What a form shows again after a refused submit: the action's values and errors, or what the server
 * kept when it refused a POST for its CSRF token. Either way nothing typed is lost.
 */
export function useFormState(): { values: FormValues; errors: FieldErrors } {
  const action = useActionData<FormFailure>();
  const root = useRouteLoaderData<RootData>("root");
  if (action && "errors" in action) return { values: action.values ?? {}, errors: action.errors ?? {} };
  return { values: root?.csrfRejected?.values ?? {}, errors: {} };
}

export function valueOf(values: FormValues, name: string): string | undefined {
  const v = values[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * GOV.UK's error summary: on top, role="alert", a link to each bad field. Messages are i18n keys.
 */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  const entries = Object.entries(errors).filter(([, list]) => list.length > 0);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title" className="error-summary__title">
        {t("common:forms.errorSummary")}
      </h2>
      <ul>
        {entries.map(([field, list]) => (
          <li key={field}>
            {field === "form" ? t(list[0]) : <a href={`#${field}`}>{labels?.[field] ? `${labels[field]}: ` : ""}{t(list[0])}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  children: (props: { id: string; name: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}

/** A field's error, read out with its "Error:" prefix; its id is what the control's aria-describedby names. */
function FieldError({ name, error }: { name: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field__error" id={`${name}-error`}>
      <span className="visually-hidden">{t("common:forms.errorPrefix")} </span>
      {t(error)}
    </p>
  );
}

/** The options of a language select: each language named in itself. */
export function LanguageOptions() {
  return (
    <>
      {supportedLngs.map((l) => (
        <option key={l} value={l} lang={l}>
          {languageNames[l]}
        </option>
      ))}
    </>
  );
}

/** The options of a select of fixed values, each labelled by an i18n key made from its value. */
export function KeyedOptions({ values, prefix }: { values: readonly string[]; prefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {t(`${prefix}${v}`)}
        </option>
      ))}
    </>
  );
}

/** A labelled control with its hint and error, wired with aria-invalid and aria-describedby. */
export function Field({ name, label, hint, errors, children }: FieldProps) {
  const { t } = useTranslation();
  const error = errors?.[name]?.[0];
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field" data-invalid={error ? "" : undefined}>
      <label className="field__label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
      {children({ id: name, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
    </div>
  );
}

/**
 * A form of one button that posts an intent (delete, move up…) with its hidden fields: the small
 * actions beside list items, working without JavaScript and carrying the CSRF token like every form.
 */
export function IntentButton({ intent, fields = {}, className = "button button--secondary", children }: { intent: string; fields?: Record<string, string>; className?: string; children: ReactNode }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className}>
        {children}
      </button>
    </Form>
  );
}

/** Every value a form field holds (a multi-select or a group of checkboxes sends several). */
export function valuesOf(values: FormValues, name: string): string[] {
  const v = values[name];
  return v === undefined ? [] : ([] as string[]).concat(v);
}

/**
 * A fieldset of checkboxes or radios with its legend, hint and error; the first control carries the
 * fieldset's id, so the error summary's link lands on it.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  type?: "checkbox" | "radio";
  options: readonly { value: string; label: string; lang?: string }[];
  checked: readonly string[];
  errors?: FieldErrors;
  /** The legend is read out but not shown (the heading above says it). */
  hiddenLegend?: boolean;
}) {
  const { t } = useTranslation();
  const { name, type = "checkbox", errors } = props;
  const error = errors?.[name]?.[0];
  const describedBy = [props.hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="field" aria-describedby={describedBy} data-invalid={error ? "" : undefined}>
      <legend className={props.hiddenLegend ? "visually-hidden" : "field__label"}>{props.legend}</legend>
      {props.hint ? (
        <p className="field__hint" id={`${name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
      {props.options.map((o, i) => {
        const id = i === 0 ? name : `${name}-${o.value}`;
        return (
          <div className="checkbox" key={o.value}>
            <input type={type} id={id} name={name} value={o.value} defaultChecked={props.checked.includes(o.value)} aria-invalid={error ? true : undefined} />
            <label htmlFor={id} lang={o.lang}>
              {o.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
