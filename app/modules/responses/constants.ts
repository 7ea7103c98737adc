// Issue #8: the fixed lists of a response, without zod, so pages can import them without shipping the
// validation library to the browser (schema.ts validates with them on the server).

/** What became of an input (contract: responses.json `decision`). */
export const responseDecisions = ["adopted", "partly_adopted", "not_adopted", "out_of_scope"] as const;
export type ResponseDecision = (typeof responseDecisions)[number];

/** At most this many inputs answered in one go (a cluster of similar inputs). */
export const MAX_BATCH = 200;
