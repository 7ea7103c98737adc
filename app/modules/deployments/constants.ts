// The dossier's catalogues, without zod, so pages can import them without shipping the validation
// library to the browser (schema.ts validates with them on the server).

// Catalogues. Ids are camelCase where they become JSON object keys (postgres.js camelCases JSON keys).
export const sectors = [
  "social_protection", "policing", "migration", "justice", "education", "employment", "health",
  "elections", "infrastructure", "tax", "transport", "environment", "other",
] as const;
export const lifecycleStages = ["design", "development", "procurement", "deployment", "use", "decommissioning"] as const;
export const operationalStatuses = ["planned", "piloting", "in_use", "suspended", "withdrawn"] as const;
/** 001 §65(k); 003 pt2 footnote 1: areas where an AI system is high-risk by default. */
export const highRiskAreas = [
  "welfare", "policing", "migration", "justice", "education", "employment", "health", "elections", "infrastructure",
] as const;
/** 001 §16, §64: uses an organisation can commit never to make. */
export const redLineCatalogue = [
  "biometricMassSurveillance", "socialScoring", "emotionRecognition", "predictivePolicingOfPersons", "fullyAutomatedDenial",
] as const;
/** 003 pt7(a)-(f); 001 §30, §46: what procurement must have checked. */
export const procurementChecks = [
  "vendorDocumentation", "dataProvenance", "claimsTested", "labourRights", "dataRights", "auditAccess", "postAwardMonitoring",
] as const;
export const evidenceKinds = ["pilot", "realisticTest", "biasAudit", "accessibilityTest", "other"] as const;
/** 003 pt2(d)-(e): grounds a bias audit should cover. */
export const biasGrounds = ["race", "ethnicity", "disability", "gender", "sexuality", "age", "religion", "language", "other"] as const;
