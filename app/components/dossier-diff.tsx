import type { TFunction } from "~/lib/i18n-core";
import { useTranslation } from "~/lib/i18n-react";
import type { FieldDiff } from "~/modules/deployments/rules";

/** A dotted dossier path as people read it: "Testing and audits 2: Result", "Affected groups 3". */
export function labelForPath(path: string, t: TFunction): string {
  const parts = path.split(".");
  if (parts[0] === "testing") return `${t("dossier:section.testing")} ${Number(parts[1]) + 1}: ${t(`dossier:field.testing.${parts[2]}`)}`;
  if (parts[0] === "procurement" && parts[1] === "checks") return `${t(`dossier:check.${parts[2]}`)}: ${t(`dossier:field.procurement.${parts[3]}`)}`;
  const label = t(`dossier:field.${parts[0]}.${parts[1]}`);
  return /^\d+$/.test(parts[2] ?? "") ? `${label} ${Number(parts[2]) + 1}` : label;
}

const each = (prefix: string) => (v: string, t: TFunction) =>
  v
    .split("\n")
    .filter(Boolean)
    .map((x) => t(`${prefix}${x}`))
    .join(", ");

/** Fields holding catalogue ids, shown by their names rather than diffed word by word. */
const ENUM_FIELDS: [RegExp, (v: string, t: TFunction) => string][] = [
  [/^identity\.sector$/, each("dossier:sector.")],
  [/^identity\.lifecycleStage$/, each("dossier:stage.")],
  [/^identity\.status$/, each("dossier:status.")],
  [/^risk\.highRiskAreas$/, each("dossier:highRisk.")],
  [/^risk\.redLines$/, each("dossier:redLine.")],
  [/^testing\.\d+\.kind$/, each("dossier:evidenceKind.")],
  [/^testing\.\d+\.grounds$/, each("dossier:ground.")],
];

/**
 * What changed between two versions: each changed field with its words removed and added, marked with
 * <del>/<ins> and a visually hidden word, so it reads without colour, on a screen reader and on paper.
 */
export function DossierDiff({ changes, lang }: { changes: FieldDiff[]; lang: string }) {
  const { t } = useTranslation();
  return (
    <dl className="diff">
      {changes.map((c) => {
        const enumLabel = ENUM_FIELDS.find(([re]) => re.test(c.path))?.[1];
        return (
          <div key={c.path} className="diff__field">
            <dt>{labelForPath(c.path, t)}</dt>
            <dd lang={lang}>
              {enumLabel ? (
                <>
                  <del>
                    <span className="visually-hidden">{`${t("register:diff.removed")} `}</span>
                    {enumLabel(c.before, t)}
                  </del>{" "}
                  <ins>
                    <span className="visually-hidden">{`${t("register:diff.added")} `}</span>
                    {enumLabel(c.after, t)}
                  </ins>
                </>
              ) : (
                c.parts.map((p, i) =>
                  p.removed ? (
                    <del key={i}>
                      <span className="visually-hidden">{`${t("register:diff.removed")} `}</span>
                      {p.value}
                    </del>
                  ) : p.added ? (
                    <ins key={i}>
                      <span className="visually-hidden">{`${t("register:diff.added")} `}</span>
                      {p.value}
                    </ins>
                  ) : (
                    <span key={i}>{p.value}</span>
                  ),
                )
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
