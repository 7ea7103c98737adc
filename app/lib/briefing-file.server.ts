import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { LanguageProvider, StringsProvider } from "./i18n-react";
import { AnswerSheet, BriefingSections, type ReadingLevel } from "~/components/briefing";
import { TranslationNote } from "~/components/translation-note";
import { dirOf } from "~/i18n";
import { resources } from "~/i18n.server";
import type { BriefingPack } from "~/modules/consultations/briefing.server";
import type { ConsultationSummary } from "~/modules/consultations/consultations.server";
import { escapeHtml } from "./html";

// The built stylesheet, read once and inlined: the downloaded file must work with no server behind it.
let css: string | undefined;
function stylesheet(): string {
  if (css !== undefined) return css;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const dir of [path.resolve(here, "../public/build/_assets"), path.resolve(here, "../../public/build/_assets"), path.resolve("public/build/_assets")]) {
    const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => /^app-.*\.css$/.test(f)) : undefined;
    if (file) return (css = fs.readFileSync(path.join(dir, file), "utf8"));
  }
  return (css = "");
}

/**
 * The briefing and its answer sheet as one self-contained HTML document: no script, styles inline, for
 * a facilitator to keep on a phone or print for a meeting without internet (000 §23, §56).
 */
export function briefingFileHtml(input: { consultation: ConsultationSummary; pack: BriefingPack; level: ReadingLevel; locale: string; address: string }): string {
  const { consultation: c, pack, level, locale } = input;
  const body = renderToStaticMarkup(
    createElement(
      StringsProvider,
      { value: resources },
      createElement(
        LanguageProvider,
        { value: locale },
        createElement(
        "main",
        { className: "page briefing briefing--print" },
        createElement("p", { className: "eyebrow", lang: c.lang }, c.organisationName),
        createElement("h1", { lang: c.translation?.lang ?? c.lang, dir: dirOf(c.translation?.lang ?? c.lang), "data-translation-status": c.translation?.status }, c.title),
        c.translation ? createElement(TranslationNote, { translation: c.translation, originalLang: c.lang, originalHref: `${input.address}?original=1` }) : null,
        createElement(BriefingSections, { pack, level, lang: c.lang, headingLevel: 2 }),
        pack.questions.length ? createElement(AnswerSheet, { pack, lang: c.lang, address: input.address }) : null,
        ),
      ),
    ),
  );
  return `<!doctype html><html lang="${escapeHtml(locale)}" dir="${dirOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(c.title)}</title><style>${stylesheet()}</style></head><body>${body}</body></html>`;
}
