// Issue #7: the fixed lists of the impact assessment, without zod, so pages can import them without
// shipping the validation library to the browser (schema.ts validates with them on the server).
import { rightIds } from "../inputs/constants";

export const assessmentStatuses = ["draft", "consultation_open", "analysis", "approval", "published", "under_review"] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];

/** 003 pt2(a)-(e); 000 §57(c): what an assessment must cover. Every one is required to publish. */
export const sectionKeys = [
  "purpose_context", "uses_misuses", "benefits", "failure_modes", "impacted_groups", "data_quality", "testing", "bias_audits",
] as const;
export type SectionKey = (typeof sectionKeys)[number];

/** 001 §64, §65(k): the decision may be not to deploy. */
export const conclusions = ["proceed", "proceed_with_conditions", "do_not_deploy"] as const;
export type Conclusion = (typeof conclusions)[number];

/** What an input means for the assessment, recorded in triage. */
export const linkKinds = [
  "corroborates", "contests", "new_harm", "new_group", "changes_rating", "proposes_mitigation", "out_of_scope",
] as const;
export type LinkKind = (typeof linkKinds)[number];

/** 001 §44 and the mitigation hierarchy: avoid first, then reduce, restore, compensate. */
export const mitigationLevels = ["avoid", "reduce", "restore", "compensate"] as const;
export const mitigationStatuses = ["planned", "in_progress", "done", "dropped"] as const;

export const indicatorDirections = ["above", "below"] as const;

/**
 * The rights catalogue: UDHR articles and the treaties that carry them (ICCPR, ICESCR, CRPD, CEDAW, CRC),
 * the ILO fundamental labour rights, and democracy and the rule of law. Labels are "inputs:right.<id>",
 * plain-language explanations "assessment:rightExplain.<id>". The first ids are the ones participants
 * can tick on a comment (inputs/constants.ts); the analysts' catalogue adds the rest.
 */
export const rightsCatalogue = [
  { id: "non_discrimination", instruments: "UDHR 2, 7 · ICCPR 2, 26 · ICESCR 2(2) · CEDAW 2 · CRPD 5" },
  { id: "privacy", instruments: "UDHR 12 · ICCPR 17 · CRC 16 · CRPD 22" },
  { id: "social_security", instruments: "UDHR 22, 25 · ICESCR 9 · CRPD 28" },
  { id: "work", instruments: "UDHR 23 · ICESCR 6, 7" },
  { id: "health", instruments: "UDHR 25 · ICESCR 12 · CRPD 25" },
  { id: "education", instruments: "UDHR 26 · ICESCR 13 · CRC 28 · CRPD 24" },
  { id: "housing", instruments: "UDHR 25 · ICESCR 11" },
  { id: "expression", instruments: "UDHR 19 · ICCPR 19" },
  { id: "assembly", instruments: "UDHR 20 · ICCPR 21, 22" },
  { id: "fair_trial", instruments: "UDHR 10, 11 · ICCPR 14" },
  { id: "effective_remedy", instruments: "UDHR 8 · ICCPR 2(3)" },
  { id: "participation", instruments: "UDHR 21 · ICCPR 25" },
  { id: "child_rights", instruments: "CRC 3, 12" },
  { id: "disability_rights", instruments: "CRPD 4, 9, 12" },
  { id: "life_liberty_security", instruments: "UDHR 3 · ICCPR 6, 9" },
  { id: "women_equality", instruments: "CEDAW 1-3, 11, 13 · ICCPR 3 · ICESCR 3" },
  { id: "thought_religion", instruments: "UDHR 18 · ICCPR 18" },
  { id: "movement_asylum", instruments: "UDHR 13, 14 · ICCPR 12, 13" },
  { id: "food_water", instruments: "UDHR 25 · ICESCR 11" },
  { id: "culture_language", instruments: "UDHR 27 · ICCPR 27 · ICESCR 15" },
  { id: "information", instruments: "UDHR 19 · ICCPR 19(2)" },
  { id: "association_bargaining", instruments: "ILO C87, C98 · ICESCR 8" },
  { id: "no_forced_labour", instruments: "ILO C29, C105 · ICCPR 8" },
  { id: "no_child_labour", instruments: "ILO C138, C182 · CRC 32" },
  { id: "equality_at_work", instruments: "ILO C100, C111 · ICESCR 7" },
  { id: "safe_work", instruments: "ILO C155, C187 · ICESCR 7(b)" },
  { id: "democracy", instruments: "UDHR 21 · ICCPR 25" },
  { id: "rule_of_law", instruments: "UDHR 8, 10, 11 · ICCPR 14, 15" },
] as const;
export type RightId = (typeof rightsCatalogue)[number]["id"];
export const catalogueRightIds = rightsCatalogue.map((r) => r.id) as RightId[];

// The participants' list must stay within the catalogue the analysts rate against.
const _participantRightsInCatalogue: readonly RightId[] = rightIds;
void _participantRightsInCatalogue;
