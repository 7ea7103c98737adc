import type * as Y from "yjs";

/**
 * A joint submission's draft doc, `draft:<draftId>` (DESIGN.md, "Collaborative documents"): the title in
 * `Y.Text("title")`, the sections in `Y.Array("items")`, each a `Y.Map` of kind `joint_section` with its
 * heading and words in `Y.Text`s and what it is about in `sectionRef`. The server writes plain-form edits
 * into it and extracts it into `joint_drafts`; the live editor binds to the same structure. No yjs value
 * import here, so pages load yjs only with the editor.
 */
export const DRAFT_TITLE = "title";
export const DRAFT_ITEMS = "items";

export interface DraftContent {
  title: string;
  sections: { heading: string; body: string; sectionRef: string | null }[];
}

/** Replaces a Y.Text's content with `value` by one delete and one insert in the middle, keeping what both share. */
export function setText(text: Y.Text, value: string): void {
  const current = text.toString();
  if (current === value) return;
  let start = 0;
  while (start < current.length && start < value.length && current[start] === value[start]) start++;
  let end = 0;
  while (end < current.length - start && end < value.length - start && current[current.length - 1 - end] === value[value.length - 1 - end]) end++;
  if (current.length - start - end > 0) text.delete(start, current.length - start - end);
  if (value.length - start - end > 0) text.insert(start, value.slice(start, value.length - end));
}
