/**
 * Dates through Intl in the person's language. The day is given in UTC so the server's HTML and the
 * browser's hydration agree; times in the person's own zone come with the consultation pages (#5).
 */
export function formatDate(value: Date | string, locale: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
