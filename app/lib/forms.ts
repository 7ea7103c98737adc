import type { ZodError } from "zod";

export type FormValues = Record<string, string | string[]>;
export type FieldErrors = Record<string, string[]>;

/** Form data as plain values, keeping every value of a repeated field (checkboxes) and no files. */
export function formValues(formData: FormData, options: { omit?: string[] } = {}): FormValues {
  const out: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (key === "_csrf" || options.omit?.includes(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (all.length === 0) continue;
    out[key] = all.length === 1 && !key.endsWith("[]") && key !== "roles" ? all[0] : all;
  }
  return out;
}

/** zod issues as i18n keys per field; issues without a path go under "form". */
export function fieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** What an action answers for a refused form: the values to show again, and the errors. */
export interface FormFailure {
  values: FormValues;
  errors: FieldErrors;
}
