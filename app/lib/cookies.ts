export const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Parses a Cookie header. A malformed pair is skipped, never thrown on (issue #3, "malformed cookie"). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";").slice(0, 50)) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      continue;
    }
    if (!(name in out)) out[name] = value;
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { maxAgeSeconds?: number; httpOnly?: boolean; secure?: boolean; path?: string } = {},
): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? "/"}`,
    options.maxAgeSeconds !== undefined ? `Max-Age=${options.maxAgeSeconds}` : "",
    options.httpOnly === false ? "" : "HttpOnly",
    "SameSite=Lax",
    options.secure ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** Carries a new participant's recovery code to /welcome once (httpOnly, ten minutes), never in a URL. */
export const RECOVERY_COOKIE = "recovery_code";
