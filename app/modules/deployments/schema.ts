import { z } from "zod";
import "~/lib/zod-errors";

import { biasGrounds, evidenceKinds, highRiskAreas, lifecycleStages, operationalStatuses, procurementChecks, redLineCatalogue, sectors } from "./constants";

export * from "./constants";

const LONG = 10_000;
const choice = { errorMap: () => ({ message: "dossier:errors.choose" }) };
const text = (max = LONG) =>
  z
    .string()
    .trim()
    .max(max, `dossier:errors.tooLong`)
    // No control characters other than line breaks and tabs: they have no business in a public record.
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "dossier:errors.controlCharacters")
    .default("");
const isoDate = z
  .string()
  .trim()
  .refine((v) => v === "" || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), "dossier:errors.date")
  .default("");
const link = z
  .string()
  .trim()
  .max(2000, "dossier:errors.tooLong")
  .refine((v) => v === "" || /^https?:\/\/[^\s<>"]+$/i.test(v), "dossier:errors.link")
  .default("");

export const EvidenceSchema = z.object({
  kind: z.enum(evidenceKinds, choice),
  date: isoDate,
  grounds: z.array(z.enum(biasGrounds, choice)).default([]),
  method: text(4000),
  result: text(4000),
  link,
});

/** The dossier of a deployment (issue #4). Every field may be empty in a draft; see `missingForPublication`. */
export const DossierSchema = z
  .object({
    identity: z.object({
      name: text(200),
      contact: text(500),
      responsibleOffice: text(500),
      legalBasis: text(),
      sector: z.enum(sectors, choice).default("other"),
      lifecycleStage: z.enum(lifecycleStages, choice).default("design"),
      status: z.enum(operationalStatuses, choice).default("planned"),
      plannedStart: isoDate,
      plannedEnd: isoDate,
    }),
    purpose: z.object({
      purpose: text(),
      objectives: text(),
      uses: text(),
      misuses: text(),
      benefits: text(),
      affectedGroups: z.array(text(200)).max(50, "dossier:errors.tooMany").default([]),
      mostImpacted: text(),
    }),
    system: z.object({
      does: text(),
      doesNot: text(),
      capabilities: text(),
      limitations: text(),
      failureModes: text(),
      accuracy: text(),
      accuracyByGroup: text(),
      humanOversight: text(),
      decisionsFed: text(),
      model: text(1000),
    }),
    data: z.object({
      sources: text(),
      provenance: text(),
      personalData: text(),
      representativeness: text(),
      retention: text(),
      sharing: text(),
    }),
    testing: z.array(EvidenceSchema).max(30, "dossier:errors.tooMany").default([]),
    procurement: z.object({
      vendor: text(500),
      checks: z
        .object(Object.fromEntries(procurementChecks.map((c) => [c, z.object({ done: z.boolean().default(false), evidence: text(4000) })])) as Record<
          (typeof procurementChecks)[number],
          z.ZodObject<{ done: z.ZodDefault<z.ZodBoolean>; evidence: ReturnType<typeof text> }>
        >)
        .partial()
        .default({}),
    }),
    risk: z.object({
      highRiskAreas: z.array(z.enum(highRiskAreas, choice)).default([]),
      redLines: z.array(z.enum(redLineCatalogue, choice)).default([]),
      otherRedLines: z.array(text(500)).max(20, "dossier:errors.tooMany").default([]),
    }),
    remedy: z.object({
      responsibleEntity: text(500),
      process: text(),
      deadlines: text(1000),
      optOut: text(),
    }),
  })
  .superRefine((d, ctx) => {
    const { plannedStart, plannedEnd } = d.identity;
    if (plannedStart && plannedEnd && plannedEnd < plannedStart) {
      ctx.addIssue({ code: "custom", path: ["identity", "plannedEnd"], message: "dossier:errors.endBeforeStart" });
    }
    d.testing.forEach((e, i) => {
      if (e.date && e.date > new Date().toISOString().slice(0, 10)) {
        ctx.addIssue({ code: "custom", path: ["testing", i, "date"], message: "dossier:errors.dateInFuture" });
      }
    });
  });
export type Dossier = z.infer<typeof DossierSchema>;

export function emptyDossier(): Dossier {
  return DossierSchema.parse({ identity: {}, purpose: {}, system: {}, data: {}, procurement: {}, risk: {}, remedy: {} });
}

/** The fields a dossier must fill before it can be published (dotted paths, as the form names them). */
export const requiredForPublication = [
  "identity.name", "identity.responsibleOffice", "identity.contact", "purpose.purpose", "purpose.mostImpacted",
  "system.does", "system.limitations", "system.humanOversight", "data.sources", "data.personalData",
  "remedy.responsibleEntity", "remedy.process",
] as const;

export const NewDeploymentSchema = z.object({
  name: z.string({ required_error: "dossier:errors.required" }).trim().min(2, "dossier:errors.required").max(200, "dossier:errors.tooLong"),
  slug: z
    .string({ required_error: "dossier:errors.required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, "dossier:errors.slug"),
  organisationId: z.string().uuid("dossier:errors.choose"),
  sector: z.enum(sectors, choice),
});

export const PublishSchema = z.object({
  changeSummary: z.string({ required_error: "dossier:errors.changeSummary" }).trim().min(3, "dossier:errors.changeSummary").max(2000, "dossier:errors.tooLong"),
});

export const RegisterFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  organisation: z.string().uuid().optional().catch(undefined),
  sector: z.enum(sectors).optional().catch(undefined),
  status: z.enum(operationalStatuses).optional().catch(undefined),
  stage: z.enum(lifecycleStages).optional().catch(undefined),
  highRisk: z.enum(["1"]).optional().catch(undefined),
  open: z.enum(["1"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});
export type RegisterFilter = z.infer<typeof RegisterFilterSchema>;

/**
 * The dossier form's fields, named by dotted path, back into the nested shape DossierSchema checks.
 * Lists typed one per line become arrays; a testing row left blank is dropped, and one ticked
 * "remove" goes. Works on plain form data, so the form needs no JavaScript.
 */
export function dossierFromForm(form: FormData): unknown {
  const one = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const all = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const lines = (name: string) =>
    (one(name) ?? "")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const section = (prefix: string, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, one(`${prefix}.${k}`)]).filter(([, v]) => v !== undefined));

  const testing: unknown[] = [];
  for (let i = 0; i < 31; i++) {
    const p = `testing.${i}`;
    if (!form.has(`${p}.kind`)) continue;
    if (one(`${p}.remove`) === "on") continue;
    const row = { kind: one(`${p}.kind`), date: one(`${p}.date`) ?? "", grounds: all(`${p}.grounds`), method: one(`${p}.method`) ?? "", result: one(`${p}.result`) ?? "", link: one(`${p}.link`) ?? "" };
    if (!row.date && !row.method.trim() && !row.result.trim() && !row.link.trim()) continue;
    testing.push(row);
  }

  return {
    identity: section("identity", ["name", "contact", "responsibleOffice", "legalBasis", "sector", "lifecycleStage", "status", "plannedStart", "plannedEnd"]),
    purpose: { ...section("purpose", ["purpose", "objectives", "uses", "misuses", "benefits", "mostImpacted"]), affectedGroups: lines("purpose.affectedGroups") },
    system: section("system", ["does", "doesNot", "capabilities", "limitations", "failureModes", "accuracy", "accuracyByGroup", "humanOversight", "decisionsFed", "model"]),
    data: section("data", ["sources", "provenance", "personalData", "representativeness", "retention", "sharing"]),
    testing,
    procurement: {
      vendor: one("procurement.vendor"),
      checks: Object.fromEntries(
        procurementChecks.map((c) => [c, { done: one(`procurement.checks.${c}.done`) === "on", evidence: one(`procurement.checks.${c}.evidence`) ?? "" }]),
      ),
    },
    risk: { highRiskAreas: all("risk.highRiskAreas"), redLines: all("risk.redLines"), otherRedLines: lines("risk.otherRedLines") },
    remedy: section("remedy", ["responsibleEntity", "process", "deadlines", "optOut"]),
  };
}

/** zod issues keyed by the dotted path of the field they belong to (the form's field names). */
export function errorsByPath(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    // A bad entry of a checkbox list belongs to the list: "risk.highRiskAreas", not "risk.highRiskAreas.2".
    const path = issue.path.filter((p, i) => !(typeof p === "number" && i === issue.path.length - 1 && issue.path[0] !== "testing")).join(".");
    (out[path || "form"] ??= []).push(issue.message);
  }
  return out;
}
