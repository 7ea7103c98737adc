import { z } from "zod";
import "~/lib/zod-errors";
import {
  catalogueRightIds,
  conclusions,
  indicatorDirections,
  linkKinds,
  mitigationLevels,
  mitigationStatuses,
  sectionKeys,
} from "./constants";

// The impact assessment's forms (issue #7), shared by the pages and the actions. Error values are i18n keys.

export * from "./constants";

const uuid = z.string().regex(/^[0-9a-f-]{36}$/, "assessment:errors.notFound");
const many = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const revision = z.coerce.number({ invalid_type_error: "assessment:errors.stale" }).int().min(1, "assessment:errors.stale");
const text = (max: number, error = "assessment:errors.tooLong") => z.string().trim().max(max, error).default("");
const rating = z.coerce
  .number({ invalid_type_error: "assessment:errors.rating" })
  .int("assessment:errors.rating")
  .min(1, "assessment:errors.rating")
  .max(4, "assessment:errors.rating");
const optionalRating = z.preprocess((v) => (v === "" || v === undefined ? null : v), rating.nullable());

export const SectionSchema = z.object({
  key: z.enum(sectionKeys, { errorMap: () => ({ message: "assessment:errors.notFound" }) }),
  body: text(20_000),
  revision,
});

export const EvidenceSchema = z.object({
  sectionKey: z.enum(sectionKeys, { errorMap: () => ({ message: "assessment:errors.notFound" }) }),
  source: z.string().trim().min(2, "assessment:errors.evidenceSource").max(500, "assessment:errors.tooLong"),
  dated: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "assessment:errors.date").optional()),
  url: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().trim().max(2000, "assessment:errors.tooLong").regex(/^https?:\/\/\S+$/, "assessment:errors.url").optional(),
  ),
  attachmentId: z.preprocess((v) => (v === "" ? undefined : v), uuid.optional()),
});

const rationale = text(2000);

/** An impact's fields as the form sends them: ratings 1-4, each with its rationale (001 §44). */
export const ImpactSchema = z
  .object({
    title: z.string().trim().min(3, "assessment:errors.title").max(200, "assessment:errors.tooLong"),
    description: text(10_000),
    rights: many(z.enum(catalogueRightIds as [string, ...string[]], { errorMap: () => ({ message: "assessment:errors.choice" }) })),
    groupIds: many(uuid),
    scale: rating,
    scope: rating,
    reversibility: rating,
    likelihood: rating,
    rationaleScale: rationale,
    rationaleScope: rationale,
    rationaleReversibility: rationale,
    rationaleLikelihood: rationale,
    residualScale: optionalRating,
    residualScope: optionalRating,
    residualReversibility: optionalRating,
    residualLikelihood: optionalRating,
    residualRationale: text(4000),
    redLine: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().regex(/^([a-zA-Z]+|other:\d{1,2})$/, "assessment:errors.choice").nullable()),
    status: z.enum(["open", "closed"], { errorMap: () => ({ message: "assessment:errors.choice" }) }).default("open"),
    closedReason: text(2000),
    /** The inputs that caused a rating change (their ids), recorded with the change. */
    causedBy: many(uuid).pipe(z.array(z.string()).max(50, "assessment:errors.tooMany")),
  })
  .superRefine((v, ctx) => {
    const residual = [v.residualScale, v.residualScope, v.residualReversibility, v.residualLikelihood];
    if (residual.some((x) => x === null) && residual.some((x) => x !== null)) {
      for (const [k, x] of [["residualScale", v.residualScale], ["residualScope", v.residualScope], ["residualReversibility", v.residualReversibility], ["residualLikelihood", v.residualLikelihood]] as const) {
        if (x === null) ctx.addIssue({ code: "custom", path: [k], message: "assessment:errors.residualAll" });
      }
    }
    if (v.status === "closed" && v.closedReason.length < 3) ctx.addIssue({ code: "custom", path: ["closedReason"], message: "assessment:errors.closedReason" });
  });
export type ImpactFields = z.infer<typeof ImpactSchema>;

export const MitigationSchema = z.object({
  level: z.enum(mitigationLevels, { errorMap: () => ({ message: "assessment:errors.choice" }) }),
  description: z.string().trim().min(3, "assessment:errors.mitigation").max(4000, "assessment:errors.tooLong"),
  owner: text(200),
  dueOn: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "assessment:errors.date").optional()),
  isCondition: z.preprocess((v) => v === "on" || v === "yes" || v === true, z.boolean()),
  sourceInputId: z.preprocess((v) => (v === "" ? undefined : v), uuid.optional()),
});

export const MitigationStatusSchema = z.object({
  mitigationId: uuid,
  status: z.enum(mitigationStatuses, { errorMap: () => ({ message: "assessment:errors.choice" }) }),
});

/** A link from one input, or a cluster of similar inputs, to the assessment. */
export const LinkSchema = z
  .object({
    inputIds: many(uuid).pipe(z.array(z.string()).min(1, "assessment:errors.noInput").max(200, "assessment:errors.tooMany")),
    kind: z.enum(linkKinds, { errorMap: () => ({ message: "assessment:errors.linkKind" }) }),
    impactId: z.preprocess((v) => (v === "" ? undefined : v), uuid.optional()),
    note: text(1000),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "out_of_scope" && !v.impactId) ctx.addIssue({ code: "custom", path: ["impactId"], message: "assessment:errors.impact" });
  });

export const DecisionSchema = z.object({
  conclusion: z.enum(conclusions, { errorMap: () => ({ message: "assessment:errors.conclusion" }) }),
  justification: text(10_000),
  revision,
});

export const IndicatorSchema = z.object({
  name: z.string().trim().min(3, "assessment:errors.indicatorName").max(200, "assessment:errors.tooLong"),
  unit: text(50),
  direction: z.enum(indicatorDirections, { errorMap: () => ({ message: "assessment:errors.choice" }) }),
  threshold: z.coerce.number({ invalid_type_error: "assessment:errors.number" }).finite("assessment:errors.number"),
  cadenceDays: z.coerce.number({ invalid_type_error: "assessment:errors.number" }).int("assessment:errors.number").min(1, "assessment:errors.cadence").max(366, "assessment:errors.cadence"),
});

export const ResultSchema = z.object({
  indicatorId: uuid,
  value: z.coerce.number({ invalid_type_error: "assessment:errors.number" }).finite("assessment:errors.number"),
  observedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "assessment:errors.date"),
  note: text(1000),
});

/** Triage filters, read from the query string; anything unknown is ignored rather than refused. */
export const TriageFilterSchema = z.object({
  lang: z.string().regex(/^[a-z]{2,3}$/).optional().catch(undefined),
  question: z.string().regex(/^(section:[0-9a-f-]{36}|question:[A-Z][A-Z0-9]{0,7})$/).optional().catch(undefined),
  concern: z.string().regex(/^[a-z_]{2,30}$/).optional().catch(undefined),
  group: uuid.optional().catch(undefined),
  method: z.enum(["direct", "facilitated"]).optional().catch(undefined),
  joint: z.enum(["1"]).optional().catch(undefined),
  unprocessed: z.enum(["1"]).optional().catch(undefined),
  campaign: z.enum(["1"]).optional().catch(undefined),
  after: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z_[0-9a-f-]{36}$/).optional().catch(undefined),
});
export type TriageFilter = z.infer<typeof TriageFilterSchema>;
