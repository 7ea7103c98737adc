import { useTranslation } from "~/lib/i18n-react";
import type { Dossier } from "~/modules/deployments/schema";
import { procurementChecks } from "~/modules/deployments/constants";

/** Prose as typed: paragraphs split on blank lines, always escaped (React), never HTML. */
export function Prose({ text, lang }: { text: string; lang?: string }) {
  const { t } = useTranslation();
  if (!text.trim()) return <p className="muted">{t("dossier:notStated")}</p>;
  return (
    <div lang={lang}>
      {text.split(/\n\s*\n/).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

function Item({ label, text, lang }: { label: string; text: string; lang?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <Prose text={text} lang={lang} />
      </dd>
    </>
  );
}

type Section = Exclude<keyof Dossier, "testing">;

/** The language of the text at a dossier path ("system.does"): a translation's where it covers the path. */
export type LangOf = (path: string) => string;
export const langOf =
  (lang: string, tr?: { lang: string; paths: string[] } | null): LangOf =>
  (path) =>
    tr?.paths.some((p) => p === path || p.startsWith(`${path}.`)) ? tr.lang : lang;

function Fields<S extends Section>({ d, section, keys, lang }: { d: Dossier; section: S; keys: readonly (keyof Dossier[S] & string)[]; lang: LangOf }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      {keys.map((k) => {
        const v = d[section][k] as unknown;
        return <Item key={k} label={t(`dossier:field.${section}.${k}`)} text={Array.isArray(v) ? v.join("\n\n") : String(v ?? "")} lang={lang(`${section}.${k}`)} />;
      })}
    </dl>
  );
}

/** The plain-language part of a dossier: what, for whom, with what safeguards, and how to complain. */
export function DossierSummary({ d, lang }: { d: Dossier; lang: LangOf }) {
  const { t } = useTranslation();
  return (
    <>
      {d.risk.highRiskAreas.length ? (
        <p className="notice notice--risk">
          <strong>{t("register:dossier.highRiskNotice", { areas: d.risk.highRiskAreas.map((a) => t(`dossier:highRisk.${a}`)).join(", ") })}</strong>
        </p>
      ) : null}
      <dl className="facts">
        <Item label={t("dossier:field.purpose.purpose")} text={d.purpose.purpose} lang={lang("purpose.purpose")} />
        <Item label={t("dossier:field.system.does")} text={d.system.does} lang={lang("system.does")} />
        <Item label={t("dossier:field.system.doesNot")} text={d.system.doesNot} lang={lang("system.doesNot")} />
        <Item label={t("dossier:field.purpose.mostImpacted")} text={d.purpose.mostImpacted} lang={lang("purpose.mostImpacted")} />
        <Item label={t("dossier:field.system.humanOversight")} text={d.system.humanOversight} lang={lang("system.humanOversight")} />
      </dl>
      {d.risk.redLines.length || d.risk.otherRedLines.length ? (
        <section aria-labelledby="red-lines-heading">
          <h3 id="red-lines-heading">{t("register:dossier.redLinesHeading")}</h3>
          <ul>
            {d.risk.redLines.map((r) => (
              <li key={r}>{t(`dossier:redLine.${r}`)}</li>
            ))}
            {d.risk.otherRedLines.map((r, i) => (
              <li key={i} lang={lang(`risk.otherRedLines.${i}`)}>
                {r}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="complain-heading" className="panel">
        <h3 id="complain-heading">{t("register:dossier.complainHeading")}</h3>
        <Fields d={d} section="remedy" keys={["responsibleEntity", "process", "deadlines", "optOut"]} lang={lang} />
      </section>
    </>
  );
}

type PartName = "purpose" | "system" | "data" | "testing" | "procurement" | "risk" | "remedy";

/** One section of a dossier in full: what a briefing pack's dossier sections show. */
export function DossierPart({ d, part, lang }: { d: Dossier; part: PartName; lang: LangOf }) {
  const { t } = useTranslation();
  switch (part) {
    case "purpose":
      return <Fields d={d} section="purpose" keys={["purpose", "objectives", "uses", "misuses", "benefits", "affectedGroups", "mostImpacted"]} lang={lang} />;
    case "system":
      return (
        <Fields
          d={d}
          section="system"
          keys={["does", "doesNot", "capabilities", "limitations", "failureModes", "accuracy", "accuracyByGroup", "humanOversight", "decisionsFed", "model"]}
          lang={lang}
        />
      );
    case "data":
      return <Fields d={d} section="data" keys={["sources", "provenance", "personalData", "representativeness", "retention", "sharing"]} lang={lang} />;
    case "remedy":
      return <Fields d={d} section="remedy" keys={["responsibleEntity", "process", "deadlines", "optOut"]} lang={lang} />;
    case "risk":
      return (
        <dl className="facts">
          <Item label={t("dossier:field.risk.highRiskAreas")} text={d.risk.highRiskAreas.map((a) => t(`dossier:highRisk.${a}`)).join("\n\n")} />
          <Item
            label={t("dossier:field.risk.redLines")}
            text={[...d.risk.redLines.map((r) => t(`dossier:redLine.${r}`)), ...d.risk.otherRedLines].join("\n\n")}
            lang={lang("risk.otherRedLines")}
          />
        </dl>
      );
    case "testing":
      return d.testing.length === 0 ? (
        <p className="muted">{t("dossier:notStated")}</p>
      ) : (
        <ul className="evidence">
          {d.testing.map((e, i) => (
            <li key={i}>
              <strong>{t(`dossier:evidenceKind.${e.kind}`)}</strong>
              {e.date ? ` · ${e.date}` : null}
              {e.grounds.length ? ` · ${e.grounds.map((g) => t(`dossier:ground.${g}`)).join(", ")}` : null}
              <Prose text={e.method} lang={lang(`testing.${i}.method`)} />
              <Prose text={e.result} lang={lang(`testing.${i}.result`)} />
              {e.link ? (
                <p>
                  <a href={e.link} rel="nofollow noopener noreferrer">
                    {t("dossier:field.testing.link")}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      );
    case "procurement":
      return (
        <dl className="facts">
          <Item label={t("dossier:field.procurement.vendor")} text={d.procurement.vendor} lang={lang("procurement.vendor")} />
          {procurementChecks.map((c) => {
            const check = d.procurement.checks[c];
            return <Item key={c} label={`${t(`dossier:check.${c}`)}: ${check?.done ? t("dossier:yes") : t("dossier:no")}`} text={check?.evidence ?? ""} lang={lang(`procurement.checks.${c}.evidence`)} />;
          })}
        </dl>
      );
  }
}

/** Every field of the dossier, section by section, below the summary. */
export function DossierDetail({ d, lang }: { d: Dossier; lang: LangOf }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("dossier:section.identity")}</h3>
      <dl className="facts">
        <Item label={t("dossier:field.identity.responsibleOffice")} text={d.identity.responsibleOffice} lang={lang("identity.responsibleOffice")} />
        <Item label={t("dossier:field.identity.contact")} text={d.identity.contact} lang={lang("identity.contact")} />
        <Item label={t("dossier:field.identity.legalBasis")} text={d.identity.legalBasis} lang={lang("identity.legalBasis")} />
        <Item label={t("dossier:field.identity.sector")} text={t(`dossier:sector.${d.identity.sector}`)} />
        <Item label={t("dossier:field.identity.lifecycleStage")} text={t(`dossier:stage.${d.identity.lifecycleStage}`)} />
        <Item label={t("dossier:field.identity.status")} text={t(`dossier:status.${d.identity.status}`)} />
        <Item label={t("dossier:field.identity.plannedStart")} text={d.identity.plannedStart} />
        <Item label={t("dossier:field.identity.plannedEnd")} text={d.identity.plannedEnd} />
      </dl>
      <h3>{t("dossier:section.purpose")}</h3>
      <Fields d={d} section="purpose" keys={["objectives", "uses", "misuses", "benefits", "affectedGroups"]} lang={lang} />
      <h3>{t("dossier:section.system")}</h3>
      <Fields d={d} section="system" keys={["capabilities", "limitations", "failureModes", "accuracy", "accuracyByGroup", "decisionsFed", "model"]} lang={lang} />
      {(["data", "testing", "procurement"] as const).map((part) => (
        <section key={part}>
          <h3>{t(`dossier:section.${part}`)}</h3>
          <DossierPart d={d} part={part} lang={lang} />
        </section>
      ))}
    </>
  );
}
