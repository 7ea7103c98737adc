/**
 * Dates through Intl in the person's language. The day is given in UTC so the server's HTML and the
 * browser's hydration agree; times in the person's own zone come with the consultation pages (#5).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function formatDate(value: Date | string, locale: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  let format = dateFormats.get(locale);
  if (!format) {
    // Building a formatter costs far more than using one; there are only a dozen languages.
    format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
