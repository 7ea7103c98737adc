import { z } from "zod";

// Issue #5: the comment form, shared by the form and the action (no server imports).

export const concernTags = [
  "fairness", "privacy", "access", "work", "accuracy", "transparency", "expression", "safety", "accessibility", "other",
] as const;
export const attributionModes = ["named", "pseudonymous", "chatham_house"] as const;
export const MAX_INPUT_CHARS = 10_000;

export const NewInputSchema = z.object({
  body: z
    .string({ required_error: "inputs:errors.empty" })
    .trim()
    .min(1, "inputs:errors.empty")
    .max(MAX_INPUT_CHARS, "inputs:errors.tooLong")
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
});
export type NewInput = z.infer<typeof NewInputSchema>;

export const proxyMethods = ["workshop", "paper", "phone", "radio", "other"] as const;

/** A facilitator's entry for people heard offline (000 §23, §56): what was said, when, how, by how many. */
export const ProxyInputSchema = z.object({
  body: NewInputSchema.shape.body,
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
  idempotencyKey: NewInputSchema.shape.idempotencyKey,
});
