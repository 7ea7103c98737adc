import { sql as pool, type Db } from "../../../db/client";
import { DossierSchema, type Dossier } from "../deployments/schema";

export const dossierSections = ["purpose", "system", "data", "testing", "procurement", "risk", "remedy"] as const;
export type DossierSection = (typeof dossierSections)[number];

export interface BriefingSection {
  id: string;
  position: number;
  dossierSection: DossierSection | null;
  title: string;
  body: string;
  plain: string;
  easyRead: string;
}

export interface Question {
  id: string;
  position: number;
  code: string;
  kind: "open" | "single_choice" | "multiple_choice" | "seriousness";
  prompt: string;
  hint: string;
}

export interface BriefingPack {
  sections: BriefingSection[];
  questions: Question[];
  /** The deployment's latest published dossier, which dossier sections are read from (null if none). */
  dossier: Dossier | null;
  dossierVersion: number | null;
}

/**
 * The briefing pack of a consultation: its sections and questions in order (bounded), with the published
 * dossier its dossier sections point at. Three indexed queries, whatever the size of the platform.
 */
export async function getBriefingPack(input: { consultationId: string; deploymentId: string }, db: Db = pool): Promise<BriefingPack> {
  const [sections, questions, [dossierRow]] = await Promise.all([
    db<BriefingSection[]>`
      select id, position, dossier_section, title, body, plain, easy_read from briefing_sections
      where consultation_id = ${input.consultationId} order by position, created_at limit 100`,
    db<Question[]>`
      select id, position, code, kind, prompt, hint from questions
      where consultation_id = ${input.consultationId} order by position, code limit 100`,
    db<{ content: unknown; version: number }[]>`
      select v.content, v.version from deployments d
      join dossier_versions v on v.deployment_id = d.id and v.version = d.published_version
      where d.id = ${input.deploymentId} and d.status = 'published'`,
  ]);
  const parsed = dossierRow ? DossierSchema.safeParse(dossierRow.content) : null;
  return { sections, questions, dossier: parsed?.success ? parsed.data : null, dossierVersion: dossierRow?.version ?? null };
}

/** Whether a consultation has this question code (facilitators' paper answers are entered by code). */
export async function findQuestionByCode(input: { consultationId: string; code: string }, db: Db = pool): Promise<Question | null> {
  const [row] = await db<Question[]>`
    select id, position, code, kind, prompt, hint from questions
    where consultation_id = ${input.consultationId} and code = ${input.code.toUpperCase()}`;
  return row ?? null;
}
