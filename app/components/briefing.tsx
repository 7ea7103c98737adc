import { useTranslation } from "~/lib/i18n-react";
import type { BriefingPack } from "~/modules/consultations/briefing.server";
import { choiceLetter } from "~/modules/consultations/constants";
import { severityDimensions } from "~/modules/inputs/constants";
import { dirOf } from "~/i18n";
import { DossierPart, langOf, Prose } from "./dossier-view";

export const readingLevels = ["plain", "easy", "full"] as const;
export type ReadingLevel = (typeof readingLevels)[number];

/** The reading level asked for in ?level=, or `fallback` when it is missing or unknown. */
export function parseReadingLevel(value: string | null, fallback: ReadingLevel, allowed: readonly ReadingLevel[] = readingLevels): ReadingLevel {
  return (allowed as readonly string[]).includes(value ?? "") ? (value as ReadingLevel) : fallback;
}

/**
 * The sections of a briefing pack at one reading level (000 §57(h); 001 §32, §48). Plain and easy read
 * fall back to the next fuller text a section has, so a section is never blank.
 */
export function BriefingSections({ pack, level, lang, headingLevel = 3 }: { pack: BriefingPack; level: ReadingLevel; lang: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {pack.sections.map((s) => {
        const text = level === "easy" ? s.easyRead || s.plain || s.body : level === "plain" ? s.plain || s.body : s.body;
        return (
          <section
            key={s.id}
            className={`briefing__section briefing__section--${level}`}
            id={`section-${s.position + 1}`}
            lang={s.translation?.lang ?? lang}
            dir={dirOf(s.translation?.lang ?? lang)}
            data-translation-status={s.translation?.status}
          >
            <H>{s.title}</H>
            {level === "full" && s.dossierSection && pack.dossier ? (
              <>
                <p className="hint">{t("consultations:briefing.fromDossier", { version: String(pack.dossierVersion) })}</p>
                <div data-translation-status={pack.dossierTranslation?.status}>
                  <DossierPart d={pack.dossier} part={s.dossierSection} lang={langOf(lang, pack.dossierTranslation && { lang: pack.dossierTranslation.lang, paths: pack.dossierTranslated ?? [] })} />
                </div>
              </>
            ) : (
              <Prose text={text || s.plain} />
            )}
          </section>
        );
      })}
    </>
  );
}

/** The questions with their codes, which the paper answer sheet repeats. */
export function QuestionList({ pack, lang, answerLink }: { pack: BriefingPack; lang: string; answerLink?: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <ol className="questions">
      {pack.questions.map((q) => (
        <li key={q.id} id={`question-${q.code}`} data-translation-status={q.translation?.status}>
          <strong>{t("consultations:questions.code", { code: q.code })}</strong>
          <p lang={q.translation?.lang ?? lang} dir={dirOf(q.translation?.lang ?? lang)}>
            {q.prompt}
          </p>
          {q.hint ? (
            <p className="hint" lang={q.translation?.lang ?? lang} dir={dirOf(q.translation?.lang ?? lang)}>
              {q.hint}
            </p>
          ) : null}
          {q.choices.length ? (
            <ol className="choices" lang={q.translation?.lang ?? lang}>
              {q.choices.map((c, i) => (
                <li key={i}>
                  {choiceLetter(i)}. {c}
                </li>
              ))}
            </ol>
          ) : null}
          {q.kind === "seriousness" ? <p className="hint">{t("consultations:questions.seriousness")}</p> : null}
          {answerLink ? (
            <p>
              <a href={answerLink(q.code)} aria-label={t("consultations:questions.answerCode", { code: q.code })}>
                {t("inputs:board.answer")}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The printable answer sheet for a meeting without internet (000 §23, §56): codes, prompts, space. */
export function AnswerSheet({ pack, lang, address }: { pack: BriefingPack; lang: string; address: string }) {
  const { t } = useTranslation();
  return (
    <section className="answer-sheet" aria-labelledby="answer-sheet-heading">
      <h2 id="answer-sheet-heading">{t("consultations:paper.title")}</h2>
      <p>{t("consultations:paper.intro")}</p>
      <h3>{t("consultations:paper.meeting")}</h3>
      <dl className="answer-sheet__meeting">
        {(["date", "place", "method", "people", "language"] as const).map((k) => (
          <div key={k}>
            <dt>{t(`consultations:paper.${k}`)}</dt>
            <dd className="answer-sheet__blank" />
          </div>
        ))}
      </dl>
      {pack.questions.map((q) => (
        <div key={q.id} className="answer-sheet__question">
          <h3>
            {q.code} · <span lang={q.translation?.lang ?? lang}>{q.prompt}</span>
          </h3>
          {q.choices.length ? (
            <ul className="answer-sheet__choices" lang={q.translation?.lang ?? lang}>
              {q.choices.map((c, i) => (
                <li key={i}>
                  <span className="answer-sheet__box" aria-hidden="true" /> {choiceLetter(i)}. {c}
                </li>
              ))}
            </ul>
          ) : null}
          {q.kind === "seriousness" ? (
            <dl className="answer-sheet__scales">
              {severityDimensions.map((d) => (
                <div key={d}>
                  <dt>{t(`inputs:severity.${d}.question`)}</dt>
                  <dd>{[1, 2, 3, 4].map((n) => `☐ ${t(`inputs:severity.${d}.${n}`)}`).join("   ")}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <p className="hint">{t("consultations:paper.answers")}</p>
          <div className="answer-sheet__lines" />
        </div>
      ))}
      <p className="hint">{t("consultations:paper.printedFrom", { address })}</p>
    </section>
  );
}
