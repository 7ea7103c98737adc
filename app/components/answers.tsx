import { useTranslation } from "~/lib/i18n-react";
import type { FieldErrors, FormValues } from "~/lib/forms";
import { choiceLetter } from "~/modules/consultations/constants";
import { severityDimensions, type SeverityDimension } from "~/modules/inputs/constants";
import { ChoiceGroup, valueOf, valuesOf } from "./forms";

// Structured answers (issue #5): a choice question's lettered choices, and "how serious would this be
// for you" on the four dimensions of 001 §44, each in words, never as a bare number.

const fieldOf = (d: SeverityDimension) => `sev${d[0].toUpperCase()}${d.slice(1)}` as `sev${Capitalize<SeverityDimension>}`;

/** Four radio groups, one per dimension, each starting at "not sure". */
export function SeverityFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <>
      {severityDimensions.map((d) => (
        <ChoiceGroup
          key={d}
          name={fieldOf(d)}
          type="radio"
          legend={t(`inputs:severity.${d}.question`)}
          options={[
            { value: "", label: t("inputs:severity.notSure") },
            ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`inputs:severity.${d}.${n}`) })),
          ]}
          checked={[valueOf(values, fieldOf(d)) ?? ""]}
          errors={errors}
        />
      ))}
    </>
  );
}

/** The lettered choices of a choice question, as radios (one) or checkboxes (several). */
export function ChoiceFields(props: { kind: string; choices: string[]; prompt: string; lang: string; values: FormValues; errors: FieldErrors }) {
  const { t } = useTranslation();
  return (
    <ChoiceGroup
      name="choices"
      type={props.kind === "single_choice" ? "radio" : "checkbox"}
      legend={props.prompt}
      hint={props.kind === "single_choice" ? t("inputs:form.choices.one") : t("inputs:form.choices.several")}
      options={props.choices.map((label, i) => ({ value: choiceLetter(i), label: `${choiceLetter(i)}. ${label}`, lang: props.lang }))}
      checked={valuesOf(props.values, "choices")}
      errors={props.errors}
    />
  );
}

/** "Serious · many people · hard to put right · likely": the ratings an input carries, in words. */
export function severityText(
  t: (key: string) => string,
  item: { sevScale: number | null; sevScope: number | null; sevReversibility: number | null; sevLikelihood: number | null },
): string | null {
  const parts = severityDimensions
    .map((d) => [d, item[fieldOf(d)]] as const)
    .filter(([, n]) => n != null)
    .map(([d, n]) => t(`inputs:severity.${d}.${n}`));
  return parts.length ? parts.join(" · ") : null;
}
