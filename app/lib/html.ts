/** Text made safe to put inside HTML written by hand (the pages React does not render). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
