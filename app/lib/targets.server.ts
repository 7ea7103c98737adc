import type { tFor } from "~/i18n.server";
import type { BriefingPack } from "~/modules/consultations/briefing.server";

/** What an input can be about: the briefing's sections and the questions, as forms and the board name them. */
export function targetsOf(pack: BriefingPack, t: ReturnType<typeof tFor>): { value: string; label: string }[] {
  return [
    ...pack.sections.map((s, i) => ({ value: `section:${s.id}`, label: t("inputs:form.target.section", { number: String(i + 1), title: s.title }) })),
    ...pack.questions.map((q) => ({ value: `question:${q.code}`, label: t("inputs:form.target.question", { code: q.code }) })),
  ];
}
