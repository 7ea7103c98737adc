import type { RegisterExportRow } from "./deployments.server";

const COLUMNS = ["slug", "name", "organisation", "purpose", "sector", "lifecycleStage", "highRisk", "status", "dossierVersion", "consultations", "updatedAt"] as const;

/**
 * One CSV cell: always quoted, quotes doubled, and a leading = + - @ neutralised with an apostrophe so a
 * spreadsheet never runs a cell as a formula (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  let text = value instanceof Date ? value.toISOString() : value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The register as CSV (RFC 4180, CRLF), one row per deployment, consultations as their slugs. */
export function registerCsv(rows: RegisterExportRow[]): string {
  const lines = [COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      COLUMNS.map((c) => (c === "consultations" ? csvCell(r.consultations.map((x) => x.slug).join(" ")) : csvCell(r[c]))).join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
