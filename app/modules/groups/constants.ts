// Groups and joint submissions (issue #5): the fixed lists and the form reader, without zod, so pages can
// import them without shipping the validation library to the browser.

export const groupKinds = ["union", "coalition", "community", "ngo", "other"] as const;
export type GroupKind = (typeof groupKinds)[number];
export const MAX_DRAFT_SECTIONS = 20;

/** The draft's sections from the form's parallel lists (sectionHeading[], sectionBody[], sectionRef[]). */
export function sectionsFromForm(values: Record<string, string | string[]>): { heading: string; body: string; sectionRef: string }[] {
  const list = (name: string) => ([] as string[]).concat(values[name] ?? []);
  const headings = list("sectionHeading[]");
  const bodies = list("sectionBody[]");
  const refs = list("sectionRef[]");
  return bodies.slice(0, MAX_DRAFT_SECTIONS + 1).map((body, i) => ({ heading: headings[i] ?? "", body, sectionRef: refs[i] ?? "" }));
}
