import { z } from "zod";
import "~/lib/zod-errors";
import { supportedLngs } from "~/i18n";
import { appealOutcomes, grievanceKinds, grievanceOutcomes, grievanceStates, stagedStates } from "./constants";
import { staffActions } from "./rules";

// The grievance forms (issue #8). Error values are i18n keys.

export * from "./constants";

const text = (min: number, max: number, key: string) =>
  z.string({ required_error: key }).trim().min(min, key).max(max, "grievances:errors.tooLong");
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "grievances:errors.tooLong").optional());

/** Filing a grievance: what happened, in the person's language, and optionally an address for follow-up. */
export const FileGrievanceSchema = z.object({
  kind: z.enum(grievanceKinds, { errorMap: () => ({ message: "grievances:errors.kind" }) }),
  body: text(10, 8000, "grievances:errors.body"),
  lang: z.enum(supportedLngs, { errorMap: () => ({ message: "grievances:errors.lang" }) }),
  contactEmail: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim().toLowerCase() : v),
    z.string().max(254, "grievances:errors.email").regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "grievances:errors.email").optional(),
  ),
});
export type FileGrievance = z.infer<typeof FileGrievanceSchema>;

/** Appealing an adverse decision: why, in the person's words. */
export const AppealSchema = z.object({
  reason: text(10, 4000, "grievances:errors.appealReason"),
});

/** A staff step on a case: the action, a note the person is shown, and a decision where one is due. */
export const AdvanceSchema = z
  .object({
    action: z.enum(staffActions, { errorMap: () => ({ message: "grievances:errors.action" }) }),
    revision: z.coerce.number().int().min(1),
    note: optionalText(4000),
    outcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(grievanceOutcomes, { errorMap: () => ({ message: "grievances:errors.outcome" }) }).optional()),
    appealOutcome: z.preprocess((v) => (v === "" ? undefined : v), z.enum(appealOutcomes, { errorMap: () => ({ message: "grievances:errors.outcome" }) }).optional()),
    reason: optionalText(4000),
    remedy: optionalText(4000),
  })
  .superRefine((v, ctx) => {
    const need = (ok: unknown, path: string, message: string) => {
      if (!ok) ctx.addIssue({ code: "custom", path: [path], message });
    };
    if (v.action === "decide") {
      need(v.outcome, "outcome", "grievances:errors.outcome");
      need(v.reason && v.reason.length >= 3, "reason", "grievances:errors.reason");
    }
    if (v.action === "decide_appeal") {
      need(v.appealOutcome, "appealOutcome", "grievances:errors.outcome");
      need(v.reason && v.reason.length >= 3, "reason", "grievances:errors.reason");
      need(v.appealOutcome !== "changed" || v.outcome, "outcome", "grievances:errors.outcome");
    }
  });
export type Advance = z.infer<typeof AdvanceSchema>;

const days = z.coerce
  .number({ invalid_type_error: "grievances:errors.days" })
  .int("grievances:errors.days")
  .min(1, "grievances:errors.days")
  .max(365, "grievances:errors.days");

/**
 * An organisation's stages, as flat form fields: `entity_<state>` (who acts) and `days_<state>` (within
 * how many days) for each staged state, and `contestDays` (the lead's time to answer a contest).
 */
export const StagesSchema = z.object({
  ...Object.fromEntries(stagedStates.flatMap((s) => [[`entity_${s}`, text(2, 300, "grievances:errors.entity")], [`days_${s}`, days]])),
  contestDays: days,
}) as unknown as z.ZodType<{ contestDays: number } & Record<`entity_${(typeof stagedStates)[number]}`, string> & Record<`days_${(typeof stagedStates)[number]}`, number>>;

/** Filters of the staff queue, from the query string; anything unknown is ignored. */
export const GrievanceFilterSchema = z.object({
  state: z.enum(grievanceStates).optional().catch(undefined),
  overdue: z.enum(["1"]).optional().catch(undefined),
  deployment: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/).optional().catch(undefined),
});
export type GrievanceFilter = z.infer<typeof GrievanceFilterSchema>;
