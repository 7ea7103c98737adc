import { sql as pool, type Db } from "../../../db/client";

// A consultation's counts of published inputs, kept by triggers as the records change
// (db/migrations/0024_consultation_counts.sql, issue #10), so the report and the answers page read a few
// dozen rows, not every input. Exact: test/modules/report/counts.test.ts checks them against a recount.

export type CountDimension = "lang" | "method" | "people" | "target" | "concern" | "right" | "participants" | "group" | "answered" | "decision";

export interface ConsultationCounts {
  /** The count under one key (0 when there is none). */
  of(dim: CountDimension, key?: string): number;
  /** Every key of a dimension with a count above 0, largest first, then by key. */
  all(dim: CountDimension): { key: string; n: number }[];
}

export async function readCounts(consultationId: string, db: Db = pool): Promise<ConsultationCounts> {
  const rows = await db<{ dim: CountDimension; key: string; n: number }[]>`
    select dim, key, n from consultation_counts where consultation_id = ${consultationId} and n > 0 order by dim, n desc, key`;
  return {
    of: (dim, key = "") => rows.find((r) => r.dim === dim && r.key === key)?.n ?? 0,
    all: (dim) => rows.filter((r) => r.dim === dim).map(({ key, n }) => ({ key, n })),
  };
}
