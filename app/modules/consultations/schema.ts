import { z } from "zod";
import "~/lib/zod-errors";
import { isSupportedLng, supportedLngs } from "~/i18n";
import { isLocalDateTime, isTimeZone } from "~/lib/time-zone";
import { lifecycleStages } from "../deployments/constants";
import { attributionModes } from "../inputs/constants";
import { MAX_CHOICES, questionKinds } from "./constants";

export * from "./constants";

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


export const QuestionSchema = z
  .object({
  kind: z.enum(questionKinds, { errorMap: () => ({ message: "dossier:errors.choose" }) }).default("open"),
  // One choice per line in the form.
  choices: z
    .string()
    .default("")
    .transform((v) => v.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(200, "dossier:errors.tooLong")).max(MAX_CHOICES, "admin:briefing.errors.tooManyChoices")),
  code: z
    .string({ required_error: "admin:briefing.errors.code" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{0,7}$/, "admin:briefing.errors.code"),
  prompt: z.string({ required_error: "dossier:errors.required" }).trim().min(5, "dossier:errors.required").max(1000, "dossier:errors.tooLong"),
  hint: z.string().trim().max(1000, "dossier:errors.tooLong").default(""),
})
  .superRefine((q, ctx) => {
    const choiceKind = q.kind === "single_choice" || q.kind === "multiple_choice";
    if (choiceKind && q.choices.length < 2) ctx.addIssue({ code: "custom", path: ["choices"], message: "admin:briefing.errors.choices" });
    if (!choiceKind && q.choices.length) ctx.addIssue({ code: "custom", path: ["choices"], message: "admin:briefing.errors.noChoices" });
  });
export type QuestionInput = z.infer<typeof QuestionSchema>;

// The consultation itself (issue #5): created as a draft by staff, then opened, closed, analysed and
// answered. Dates are typed as wall-clock times in the consultation's time zone.

const slug = z
  .string({ required_error: "admin:consultations.errors.slug" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "admin:consultations.errors.slug");
const lang = z.string().refine(isSupportedLng, "auth:errors.languageUnknown");
const title = z.string({ required_error: "dossier:errors.required" }).trim().min(5, "dossier:errors.required").max(200, "dossier:errors.tooLong");
const summary = z.string({ required_error: "dossier:errors.required" }).trim().min(20, "admin:consultations.errors.summary").max(2000, "dossier:errors.tooLong");

export const NewConsultationSchema = z.object({
  slug,
  title,
  summary,
  lang,
  lifecycleStage: z.enum(lifecycleStages, { errorMap: () => ({ message: "dossier:errors.choose" }) }),
});

const localDateTime = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || isLocalDateTime(v), "admin:consultations.errors.dateTime");

export const ConsultationSettingsSchema = z
  .object({
    title,
    summary,
    lang,
    lifecycleStage: NewConsultationSchema.shape.lifecycleStage,
    timeZone: z.string().trim().refine(isTimeZone, "admin:consultations.errors.timeZone"),
    opensAt: localDateTime,
    closesAt: localDateTime,
    languages: z.array(z.enum(supportedLngs, { errorMap: () => ({ message: "auth:errors.languageUnknown" }) })).default([]),
    defaultAttribution: z.enum(attributionModes, { errorMap: () => ({ message: "dossier:errors.choose" }) }),
    moderationPolicy: z.string().trim().max(10_000, "dossier:errors.tooLong").default(""),
    // Issue #9: open in languages whose briefing only a machine translated, with a visible warning.
    allowUnreviewedLanguages: z.preprocess((v) => v === "on" || v === "yes" || v === true, z.boolean()).default(false),
  })
  .superRefine((v, ctx) => {
    if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "admin:consultations.errors.closesBeforeOpens" });
    }
  })
  // The consultation's own language is always offered.
  .transform((v) => ({ ...v, languages: [...new Set([v.lang, ...v.languages])] }));
export type ConsultationSettings = z.infer<typeof ConsultationSettingsSchema>;

export const TargetGroupSchema = z.object({
  name: z.string({ required_error: "dossier:errors.required" }).trim().min(2, "dossier:errors.required").max(200, "dossier:errors.tooLong"),
  outreachNotes: z.string().trim().max(4000, "dossier:errors.tooLong").default(""),
});


