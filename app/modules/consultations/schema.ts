import { z } from "zod";

// Forms of the briefing pack editor (issue #4); shared by the form and the action, no server imports.

export const dossierSections = ["purpose", "system", "data", "testing", "procurement", "risk", "remedy"] as const;
export type DossierSection = (typeof dossierSections)[number];

const longText = z.string().trim().max(10_000, "dossier:errors.tooLong").default("");

export const SectionSchema = z.object({
  title: z.string({ required_error: "dossier:errors.required" }).trim().min(2, "dossier:errors.required").max(200, "dossier:errors.tooLong"),
  body: longText,
  plain: longText,
  easyRead: longText,
});

export const NewSectionSchema = z.object({
  title: SectionSchema.shape.title,
  source: z.enum(["free", ...dossierSections], { errorMap: () => ({ message: "dossier:errors.choose" }) }),
});

export const QuestionSchema = z.object({
  code: z
    .string({ required_error: "admin:briefing.errors.code" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{0,7}$/, "admin:briefing.errors.code"),
  prompt: z.string({ required_error: "dossier:errors.required" }).trim().min(5, "dossier:errors.required").max(1000, "dossier:errors.tooLong"),
  hint: z.string().trim().max(1000, "dossier:errors.tooLong").default(""),
});

