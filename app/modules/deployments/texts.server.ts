import { sql as pool, type Db } from "../../../db/client";
import type { TranslationShown } from "../translations/constants";
import { findTranslations, translateTexts } from "../translations/translations.server";
import type { Dossier } from "./schema";
import { dossierTexts, withDossierTexts } from "./texts";

/**
 * A published dossier in the reader's language where its texts are translated (issue #9): the dossier
 * with translations in place, how far they can be trusted, and which paths they cover (the page marks the
 * rest as written in the dossier's own language). One indexed query.
 */
export async function translateDossier(
  dossier: Dossier,
  deploymentId: string,
  lang: string,
  db: Db = pool,
): Promise<{ value: Dossier; translation: TranslationShown | null; translated: string[] }> {
  const rows = await findTranslations({ entity: "deployment", ids: [deploymentId], lang }, db);
  const shown = translateTexts(dossierTexts(dossier), rows.get(deploymentId), lang);
  if (!shown.translation) return { value: dossier, translation: null, translated: [] };
  return { value: withDossierTexts(dossier, shown.texts), translation: shown.translation, translated: shown.translated };
}
