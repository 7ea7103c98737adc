// What can be translated and how far a shown translation can be trusted (the `data-translation-status`
// attribute of translated content). No server imports: pages use these too.

export const translatedEntities = ["consultation", "briefing_section", "question", "deployment", "input", "response"] as const;
export type TranslatedEntity = (typeof translatedEntities)[number];

export type TranslationStatus = "machine" | "human" | "human_reviewed" | "outdated";

/** A translation shown in place of the original: its language and how far to trust it. */
export interface TranslationShown {
  lang: string;
  status: TranslationStatus;
}

/** Where one field of an item stands in a language, from worst to best (the translators' queue). */
export const fieldStates = ["missing", "outdated", "machine", "draft", "translated", "reviewed"] as const;
export type FieldState = (typeof fieldStates)[number];

/** What the translators' queue is filtered to: everything not reviewed, or one kind of work. */
export const queueFilters = ["todo", "missing", "outdated", "machine", "review"] as const;
export type QueueFilter = (typeof queueFilters)[number];
