import { francAll } from "franc-min";
import { isSupportedLng, supportedLngs, type Lng } from "~/i18n";

// The language an input is written in (issue #9; 000 §15): people write in the language they speak, which
// is not always the page's. It is recorded so the input can be translated for others. A text in another
// script (Arabic, Ethiopic, Bengali, Devanagari) is told apart with certainty; among Latin-script languages
// the page's language is kept unless the text clearly reads as another one. franc-min (docs/decisions/
// 015-language-detection.md) compares letter trigrams; it runs on the server and sends nothing anywhere.

const ISO3: Record<Lng, string> = {
  en: "eng", fr: "fra", es: "spa", pt: "por", ar: "arb", ur: "urd", sw: "swh", am: "amh", ha: "hau", hi: "hin", bn: "ben", id: "ind",
};
const FROM_ISO3 = new Map(Object.entries(ISO3).map(([two, three]) => [three, two as Lng]));
const ONLY = supportedLngs.map((l) => ISO3[l]);

/** Below this many letters a guess is too weak to overrule the page's language. */
const MIN_LETTERS = 25;
/** The page's language is kept while its score is at least this share of the best one. */
const KEEP_PAGE_SCORE = 0.8;

/**
 * The language to record for an input: the author's own choice when they made one among the platform's
 * languages, otherwise the page's language unless the text is clearly written in another of them.
 */
export function inputLanguage(text: string, pageLang: string, chosen?: string | null): string {
  if (chosen && isSupportedLng(chosen)) return chosen;
  const letters = text.replace(/[^\p{L}]/gu, "").length;
  if (letters < MIN_LETTERS) return pageLang;
  const scores = francAll(text, { only: ONLY, minLength: MIN_LETTERS });
  const [best, score] = scores[0] ?? ["und", 0];
  const detected = FROM_ISO3.get(best);
  if (!detected || detected === pageLang || score <= 0) return pageLang;
  const page = scores.find(([code]) => code === ISO3[pageLang as Lng]);
  return page && page[1] >= KEEP_PAGE_SCORE * score ? pageLang : detected;
}
