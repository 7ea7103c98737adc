import { useTranslation } from "~/lib/i18n-react";
import { Prose } from "./dossier-view";

/** The consultation's moderation policy, folded away until asked for (shown where people join or report). */
export function ModerationPolicy({ text, lang }: { text: string; lang: string }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <details className="policy">
      <summary>{t("consultations:join.moderation")}</summary>
      <Prose text={text} lang={lang} />
    </details>
  );
}
