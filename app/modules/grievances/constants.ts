// Issue #8: the grievance channel's fixed lists, without server code, so pages can import them.
// Sources: 000 §57(e); 001 §60 (complaint, appeal and remedy, with a responsible entity and timelines);
// 003 pt5 (opting out), pt6 (notice of adverse decisions).

/** What a grievance is about. `opt_out`: asking not to be subject to the system (003 pt5). */
export const grievanceKinds = ["harm", "wrong_decision", "opt_out", "other"] as const;
export type GrievanceKind = (typeof grievanceKinds)[number];

export const grievanceStates = ["received", "acknowledged", "under_review", "decided", "appealed", "closed"] as const;
export type GrievanceState = (typeof grievanceStates)[number];

/** The states someone must act in, each with a responsible entity and a number of days. */
export const stagedStates = ["received", "acknowledged", "under_review", "decided", "appealed"] as const;
export type StagedState = (typeof stagedStates)[number];

/** States in which the organisation owes the next step: past its deadline, the case is overdue. */
export const staffOwedStates: readonly GrievanceState[] = ["received", "acknowledged", "under_review", "appealed"];

export const grievanceOutcomes = ["upheld", "partly_upheld", "not_upheld"] as const;
export type GrievanceOutcome = (typeof grievanceOutcomes)[number];

export const appealOutcomes = ["upheld", "changed"] as const;
export type AppealOutcome = (typeof appealOutcomes)[number];

/** Days for each step when an organisation has set none: short for acknowledging, longer for deciding. */
export const defaultStageDays: Record<StagedState, number> = {
  received: 5, // to acknowledge
  acknowledged: 10, // to start the review
  under_review: 30, // to decide
  decided: 30, // the person's time to appeal
  appealed: 30, // to decide the appeal
};

/** Per source (account or browser): at most this many grievances an hour and a day. */
export const GRIEVANCES_PER_HOUR = 3;
export const GRIEVANCES_PER_DAY = 10;
/** Per deployment, from everyone: a ceiling that stops a flood from many sources. */
export const DEPLOYMENT_GRIEVANCES_PER_HOUR = 120;

/** Public statistics on time to decision appear only once this many cases are decided. */
export const MIN_DECIDED_FOR_TIMES = 5;
