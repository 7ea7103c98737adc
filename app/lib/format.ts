/**
 * Dates through Intl in the person's language, formatted in loaders only: Node's and the browser's ICU
 * data differ for some languages (Hausa), so a date formatted again in the browser would not match the
 * server's HTML and break hydration. The day is given in UTC; a time in the person's own zone is
 * formatted by time-zone.ts.
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

/** A number in the person's language (digits and separators), formatted in loaders like dates. */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
