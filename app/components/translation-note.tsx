import { useTranslation } from "~/lib/i18n-react";
import { languageNames, type Lng } from "~/i18n";
import type { TranslationShown } from "~/modules/translations/constants";

/**
 * Says that a text is shown translated and how far to trust it, with the original one click away
 * (000 §15; 001 §31). `data-translation-status` carries the same for tools and tests.
 */
export function TranslationNote({ translation, originalLang, originalHref }: { translation: TranslationShown | null | undefined; originalLang: string; originalHref: string }) {
  const { t } = useTranslation();
  if (!translation) return null;
  return (
    <p className="hint translation-note" data-translation-status={translation.status}>
      {t(`consultations:translation.${translation.status}`)}{" "}
      <a href={originalHref} hrefLang={originalLang} rel="nofollow">
        {t("consultations:translation.original", { language: languageNames[originalLang as Lng] ?? originalLang })}
      </a>
    </p>
  );
}

/** Shown instead when the reader asked for the original: the way back to their language. */
export function OriginalNote({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <p className="hint translation-note">
      {t("consultations:translation.showingOriginal")} <a href={href}>{t("consultations:translation.backToTranslation")}</a>
    </p>
  );
}
