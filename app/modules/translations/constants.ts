// What can be translated and how far a shown translation can be trusted (the `data-translation-status`
// attribute of translated content). No server imports: pages use these too.

export const translatedEntities = ["consultation", "briefing_section", "question"] as const;
export type TranslatedEntity = (typeof translatedEntities)[number];

export type TranslationStatus = "machine" | "human" | "human_reviewed" | "outdated";

/** A translation shown in place of the original: its language and how far to trust it. */
export interface TranslationShown {
  lang: string;
  status: TranslationStatus;
}
