// Issue #5: the fixed lists of an input, without zod, so pages can import them without shipping the
// validation library to the browser (schema.ts validates with them on the server).

export const concernTags = [
  "fairness", "privacy", "access", "work", "accuracy", "transparency", "expression", "safety", "accessibility", "other",
] as const;
export const attributionModes = ["named", "pseudonymous", "chatham_house"] as const;
export const MAX_INPUT_CHARS = 10_000;

/**
 * Rights a person can say are affected: the catalogue ids the assessment uses (issue #7 adds each one's
 * plain-language explanation). Labels are "inputs:right.<id>".
 */
export const rightIds = [
  "non_discrimination", "privacy", "social_security", "work", "health", "education", "housing", "expression",
  "assembly", "fair_trial", "effective_remedy", "participation", "child_rights", "disability_rights",
] as const;

/** "How serious would this be for you": the four dimensions of 001 §44, each 1-4, always shown in words. */
export const severityDimensions = ["scale", "scope", "reversibility", "likelihood"] as const;
export type SeverityDimension = (typeof severityDimensions)[number];

export const proxyMethods = ["workshop", "paper", "phone", "radio", "other"] as const;

/** Why an input is reported or hidden; the public sees the reason in words (never silently removed). */
export const moderationReasons = ["personal_data", "threat", "hate", "spam", "off_topic", "other"] as const;
export type ModerationReason = (typeof moderationReasons)[number];
