/**
 * Date-times in a named time zone, through Intl only (Node ships full ICU): staff type the opening and
 * closing of a consultation as wall-clock times where it is held, and each person reads them in their
 * own zone, with the zone named so nobody has to guess (DESIGN.md "Things users expect").
 */

export const TZ_COOKIE = "tz";

/** Zones already found valid: every request with a `tz` cookie asks, and building a format to find out is costly. At most the IANA list. */
const knownZones = new Set<string>();

/** Whether `name` is an IANA time zone this runtime knows (UTC included). */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > 64) return false;
  if (knownZones.has(name)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    knownZones.add(name);
    return true;
  } catch {
    return false;
  }
}

const partFormats = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: number, timeZone: string): Record<string, number> {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormats.set(timeZone, format);
  }
  const out: Record<string, number> = {};
  for (const p of format.formatToParts(instant)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Whether `value` is an `<input type="datetime-local">` value ("2026-12-01T09:30"). */
export function isLocalDateTime(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = LOCAL.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && +m[4] < 24 && +m[5] < 60;
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. In a gap (clocks going forward) it
 * is the instant just after the gap.
 */
export function zonedToUtc(local: string, timeZone: string): Date {
  const m = LOCAL.exec(local);
  if (!m) throw new RangeError("not a local date-time");
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  const exact = [first, second].filter((c) => asUtc - c === offsetAt(c, timeZone));
  return new Date(exact.length ? Math.min(...exact) : Math.max(first, second));
}

/** The `<input type="datetime-local">` value showing `date` on the wall clock of `timeZone`. */
export function utcToZonedInput(date: Date, timeZone: string): string {
  const p = partsIn(date.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

const dateTimeFormats = new Map<string, { dateTime: Intl.DateTimeFormat; zoneName: Intl.DateTimeFormat }>();
/** "1 December 2026 at 17:00 EAT" in the person's language and zone (formatted in loaders only). */
export function formatDateTime(value: Date | string, locale: string, timeZone: string): string {
  // Building a format is the costly part (2.3% of the server's time on /c/demo when the zone's was built
  // on every request), so both are kept per language and zone: 12 languages times the zones people use.
  const key = `${locale}|${timeZone}`;
  let formats = dateTimeFormats.get(key);
  if (!formats) {
    formats = {
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }),
      zoneName: new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }),
    };
    dateTimeFormats.set(key, formats);
  }
  const date = typeof value === "string" ? new Date(value) : value;
  // timeStyle "short" carries no zone name; the zone is added in the person's language.
  const zone = formats.zoneName.formatToParts(date).find((p) => p.type === "timeZoneName")?.value;
  return zone ? `${formats.dateTime.format(date)} (${zone})` : formats.dateTime.format(date);
}
