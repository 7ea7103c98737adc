// Issue #5: the fixed lists of a consultation, without zod, so pages can import them without shipping
// the validation library to the browser (schema.ts validates with them on the server).

export const questionKinds = ["open", "single_choice", "multiple_choice", "seriousness"] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const MAX_CHOICES = 12;
/** Choices are lettered A, B, C... so a paper form and a facilitator can name them (000 §23). */
export const choiceLetter = (index: number) => String.fromCharCode(65 + index);

/** The lifecycle of a consultation and the moves staff may make; anything else is refused. */
export const consultationStatuses = ["draft", "open", "closed", "analysis", "responded"] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];
export const statusMoves: Record<ConsultationStatus, readonly ConsultationStatus[]> = {
  draft: ["open"],
  open: ["closed"],
  // Reopening is allowed (a deadline extended after a request from a community), before analysis starts.
  closed: ["open", "analysis"],
  analysis: ["responded"],
  responded: [],
};

/** Self-identified groups are reported only in counts of at least this many (issue #5). */
export const AGGREGATE_MIN = 5;
