import { z } from "zod";
import "~/lib/zod-errors";

// The translators' forms (issue #9). Error values are i18n keys.

const optional = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "translations:errors.tooLong").optional());

/** A glossary entry: a term of the source language and its agreed translation. */
export const GlossaryTermSchema = z.object({
  term: z.string({ required_error: "translations:errors.term" }).trim().min(1, "translations:errors.term").max(200, "translations:errors.tooLong"),
  translation: z.string({ required_error: "translations:errors.termTranslation" }).trim().min(1, "translations:errors.termTranslation").max(200, "translations:errors.tooLong"),
  note: optional(500),
});
