import type { ReactNode } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { languageNames, type Lng } from "~/i18n";
import type { TranslationShown } from "~/modules/translations/constants";

// Its own module, not part of translation-note.tsx: a module imported by both the consultation page and
// another route becomes a shared chunk the consultation page must load, and its JavaScript is at its
// budget (issue #10). The board writes the same markup out itself for that reason.
/**
 * Under a text shown in translation (an input, an answer): how far to trust it, and the words as written
 * one click away, in a `<details>` that opens without JavaScript (issue #9).
 */
export function OriginalDetails({ translation, originalLang, children }: { translation: TranslationShown; originalLang: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <details className="translation-note" data-translation-status={translation.status}>
      <summary>
        {t(`consultations:translation.${translation.status}`)} {t("consultations:translation.original", { language: languageNames[originalLang as Lng] ?? originalLang })}
      </summary>
      {children}
    </details>
  );
}
