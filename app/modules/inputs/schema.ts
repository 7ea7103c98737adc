import { z } from "zod";
import "~/lib/zod-errors";
import { attributionModes, concernTags, MAX_INPUT_CHARS, moderationReasons, proxyMethods, rightIds } from "./constants";
import { supportedLngs } from "~/i18n";

// Issue #5: the comment form, shared by the form and the action (no server imports). Pages import the
// lists from ./constants, which has no zod.
export * from "./constants";

const SEVERITY_ERROR = "inputs:errors.severity";
const severityLevel = z
  .union([z.literal(""), z.coerce.number({ invalid_type_error: SEVERITY_ERROR }).int(SEVERITY_ERROR).min(1, SEVERITY_ERROR).max(4, SEVERITY_ERROR)], {
    errorMap: () => ({ message: SEVERITY_ERROR }),
  })
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

const NewInputObject = z.object({
  body: z
    .string()
    .trim()
    .max(MAX_INPUT_CHARS, "inputs:errors.tooLong")
    .default("")
    // Text only: no NUL or other control characters (binary pasted in by accident, or worse).
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "inputs:errors.binary"),
  sectionRef: z
    .string()
    .trim()
    .regex(/^(section:[0-9a-f-]{36}|question:[A-Z][A-Z0-9]{0,7})$/, "inputs:errors.unknownTarget")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  parentId: z.string().uuid("inputs:errors.unknownParent").optional().or(z.literal("").transform(() => undefined)),
  concerns: z.array(z.enum(concernTags, { errorMap: () => ({ message: "inputs:errors.unknownConcern" }) })).max(10).default([]),
  proposedMitigation: z.string().trim().max(4000, "inputs:errors.tooLong").default(""),
  attribution: z.enum(attributionModes, { errorMap: () => ({ message: "inputs:errors.attribution" }) }),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "inputs:errors.expired"),
  // Structured answers: the letters of a choice question's choices, the four ratings, the rights and
  // groups affected (checked against the consultation in addInput).
  choices: z.array(z.string().regex(/^[A-L]$/, "inputs:errors.choice")).max(12, "inputs:errors.choice").default([]),
  sevScale: severityLevel,
  sevScope: severityLevel,
  sevReversibility: severityLevel,
  sevLikelihood: severityLevel,
  rights: z.array(z.enum(rightIds, { errorMap: () => ({ message: "inputs:errors.unknownRight" }) })).max(rightIds.length).default([]),
  affectedGroups: z.array(z.string().uuid("inputs:errors.unknownGroup")).max(50, "inputs:errors.unknownGroup").default([]),
  // The language the author says they wrote in, one of the platform's (issue #9); otherwise it is detected.
  lang: z
    .enum(supportedLngs, { errorMap: () => ({ message: "inputs:errors.lang" }) })
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

/** Says something: words, a choice, or a rating (a choice question can be answered by ticking alone). */
export const NewInputSchema = NewInputObject.superRefine((v, ctx) => {
  const rated = v.sevScale ?? v.sevScope ?? v.sevReversibility ?? v.sevLikelihood;
  if (!v.body && v.choices.length === 0 && rated == null) ctx.addIssue({ code: "custom", path: ["body"], message: "inputs:errors.empty" });
});
export type NewInput = z.infer<typeof NewInputSchema>;

/** The form's repeated fields (checkboxes) as arrays, whatever the browser sent. */
export const inputListFields = ["concerns", "choices", "rights", "affectedGroups"] as const;


/** A facilitator's entry for people heard offline (000 §23, §56): what was said, when, how, by how many. */
export const ProxyInputSchema = z.object({
  body: z.string({ required_error: "inputs:errors.empty" }).trim().min(1, "inputs:errors.empty").pipe(NewInputObject.shape.body),
  questionCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9]{0,7}$/, "inputs:errors.unknownTarget")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Any language people speak, not only the interface's: a BCP 47 primary tag.
  lang: z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/, "inputs:errors.proxy_lang"),
  originalDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "inputs:errors.proxy_date")
    .refine((v) => !Number.isNaN(Date.parse(v)) && v <= new Date().toISOString().slice(0, 10), "inputs:errors.proxy_date"),
  place: z.string().trim().max(200, "inputs:errors.tooLong").default(""),
  method: z.enum(proxyMethods, { errorMap: () => ({ message: "inputs:errors.proxy_method" }) }),
  count: z.coerce
    .number({ invalid_type_error: "inputs:errors.proxy_count" })
    .int("inputs:errors.proxy_count")
    .min(1, "inputs:errors.proxy_count")
    .max(1_000_000, "inputs:errors.proxy_count"),
  idempotencyKey: NewInputObject.shape.idempotencyKey,
});


export const ReportSchema = z.object({
  reason: z.enum(moderationReasons, { errorMap: () => ({ message: "inputs:moderation.errors.reason" }) }),
  note: z.string().trim().max(1000, "inputs:errors.tooLong").default(""),
});

export const HideSchema = z.object({
  reason: ReportSchema.shape.reason,
  // Public: shown under "hidden by a moderator", so it must not repeat what was hidden.
  note: z.string().trim().max(500, "inputs:errors.tooLong").default(""),
});
