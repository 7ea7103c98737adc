import { fallbackLng, isSupportedLng, type Lng } from "~/i18n";
import { serializeCookie, YEAR_SECONDS } from "./cookies";

export const LNG_COOKIE = "lng";

/** Remembers a language for a year. Readable by scripts: it holds nothing secret. */
export function languageCookie(lng: Lng, options: { secure: boolean }): string {
  return serializeCookie(LNG_COOKIE, lng, { maxAgeSeconds: YEAR_SECONDS, httpOnly: false, secure: options.secure });
}

export interface LocaleChoice {
  locale: Lng;
  /** The supported language asked for in ?lng=, to be remembered in the cookie. */
  remember?: Lng;
  /** An unsupported code asked for in ?lng= (shown back to the person, escaped). */
  unsupported?: string;
}

/** Parses Accept-Language into language tags ordered by q, dropping q=0 and malformed parts. */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 20) // a header can be long; nobody lists more than a few languages
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((x) => x.weight > 0 && /^[a-z]{1,8}(-[a-z0-9]{1,8})*$|^\*$/.test(x.tag))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((x) => x.tag);
}

function matchLng(tag: string): Lng | undefined {
  const base = tag.split("-")[0];
  return isSupportedLng(base) ? base : undefined;
}

/**
 * DESIGN.md contract "language": ?lng= first (remembered in a cookie), then the cookie, then
 * Accept-Language, then English. An unknown code falls through to the next rule and is reported.
 */
export function detectLocale(url: URL, cookieLng: string | undefined, acceptLanguage: string | null | undefined): LocaleChoice {
  const asked = url.searchParams.get("lng");
  let unsupported: string | undefined;
  if (asked !== null) {
    const match = matchLng(asked.trim().toLowerCase());
    if (match) return { locale: match, remember: match };
    unsupported = asked.slice(0, 35);
  }
  if (cookieLng && isSupportedLng(cookieLng)) return { locale: cookieLng, unsupported };
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const match = matchLng(tag);
    if (match) return { locale: match, unsupported };
  }
  return { locale: fallbackLng, unsupported };
}

