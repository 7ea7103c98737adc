import { z } from "zod";
import "~/lib/zod-errors";
import { MAX_BATCH, responseDecisions } from "./constants";

// The response forms (issue #8), shared by the pages and the actions. Error values are i18n keys.

export * from "./constants";

const uuid = z.string().regex(/^[0-9a-f-]{36}$/, "responses:errors.notFound");
const many = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** One answer, given to the input on the page and to the similar ones ticked beside it. */
export const RespondSchema = z.object({
  inputIds: many(uuid).pipe(z.array(z.string()).min(1, "responses:errors.noInput").max(MAX_BATCH, "responses:errors.tooMany")),
  decision: z.enum(responseDecisions, { errorMap: () => ({ message: "responses:errors.decision" }) }),
  reason: z.string({ required_error: "responses:errors.reason" }).trim().min(3, "responses:errors.reason").max(4000, "responses:errors.tooLong"),
  impactIds: many(uuid).pipe(z.array(z.string()).max(50, "responses:errors.tooMany")),
});

/** Filters of the public list, from the query string; anything unknown is ignored. */
export const ResponseFilterSchema = z.object({
  decision: z.enum(responseDecisions).optional().catch(undefined),
  question: z.string().regex(/^question:[A-Z][A-Z0-9]{0,7}$/).optional().catch(undefined),
  concern: z.string().regex(/^[a-z_]{2,30}$/).optional().catch(undefined),
  lang: z.string().regex(/^[a-z]{2,3}$/).optional().catch(undefined),
  after: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/).optional().catch(undefined),
});
export type ResponseFilter = z.infer<typeof ResponseFilterSchema>;

/** Contesting an answer: the reason, in the author's words. */
export const ContestSchema = z.object({
  reason: z.string({ required_error: "responses:errors.contestReason" }).trim().min(10, "responses:errors.contestReason").max(4000, "responses:errors.tooLong"),
});

/** The lead's answer to a contest: the answer stands, or a new decision and reason replace it. */
export const AnswerContestSchema = z
  .object({
    contestId: uuid,
    outcome: z.enum(["upheld", "changed"], { errorMap: () => ({ message: "responses:errors.outcome" }) }),
    reason: z.string({ required_error: "responses:errors.reason" }).trim().min(3, "responses:errors.reason").max(4000, "responses:errors.tooLong"),
    decision: z.preprocess((v) => (v === "" ? undefined : v), z.enum(responseDecisions, { errorMap: () => ({ message: "responses:errors.decision" }) }).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "changed" && !v.decision) ctx.addIssue({ code: "custom", path: ["decision"], message: "responses:errors.decision" });
  });
