import crypto from "node:crypto";
import * as Y from "yjs";
import type { Logger } from "pino";
import type { Sql } from "../../db/client";
import { DRAFT_ITEMS, DRAFT_TITLE, setText, type DraftContent } from "../../app/lib/draft-doc";
import { contentHash } from "../../app/modules/groups/groups.server";
import { DraftSectionSchema, MAX_DRAFT_SECTIONS } from "../../app/modules/groups/schema";

// Draft docs and their SQL copy (issue #6, "Extraction"): the doc is where a group writes; `joint_drafts`
// holds what it says, for the page without JavaScript, endorsements and the submit step.

/** Makes the doc say `content`: texts changed in place, sections added or removed at the end. */
export function writeContent(doc: Y.Doc, content: DraftContent): void {
  setText(doc.getText(DRAFT_TITLE), content.title);
  const items = doc.getArray<Y.Map<unknown>>(DRAFT_ITEMS);
  content.sections.forEach((section, i) => {
    let item = items.get(i);
    if (!(item instanceof Y.Map)) {
      item = new Y.Map<unknown>();
      item.set("id", crypto.randomUUID());
      item.set("kind", "joint_section");
      item.set("heading", new Y.Text());
      item.set("body", new Y.Text());
      items.insert(i, [item]);
    }
    for (const field of ["heading", "body"] as const) {
      let text = item.get(field);
      if (!(text instanceof Y.Text)) {
        text = new Y.Text();
        item.set(field, text);
      }
      setText(text as Y.Text, section[field]);
    }
    if ((item.get("sectionRef") ?? null) !== section.sectionRef) item.set("sectionRef", section.sectionRef);
  });
  if (items.length > content.sections.length) items.delete(content.sections.length, items.length - content.sections.length);
}

/** What the doc says, and the items that could not be read (skipped, reported). */
export function readContent(doc: Y.Doc): { content: DraftContent; errors: { itemId: string; error: string }[] } {
  const errors: { itemId: string; error: string }[] = [];
  const sections: DraftContent["sections"] = [];
  const title = doc.getText(DRAFT_TITLE).toString().trim().slice(0, 200);
  doc
    .getArray<unknown>(DRAFT_ITEMS)
    .toArray()
    .forEach((item, i) => {
      const itemId = item instanceof Y.Map && typeof item.get("id") === "string" ? String(item.get("id")).slice(0, 64) : `#${i}`;
      if (!(item instanceof Y.Map)) return errors.push({ itemId, error: "not a map" });
      if (sections.length >= MAX_DRAFT_SECTIONS) return errors.push({ itemId, error: "too many sections" });
      const text = (field: string) => {
        const v = item.get(field);
        return v instanceof Y.Text ? v.toString() : typeof v === "string" ? v : null;
      };
      const parsed = DraftSectionSchema.safeParse({ heading: text("heading") ?? "", body: text("body"), sectionRef: item.get("sectionRef") ?? "" });
      if (!parsed.success) return errors.push({ itemId, error: parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ").slice(0, 500) });
      sections.push(parsed.data);
    });
  return { content: { title, sections }, errors };
}

/**
 * Copies the doc into `joint_drafts` when what it says changed (the content hash), so endorsements of
 * older words stop counting. Malformed items are skipped and recorded in `extraction_errors`.
 */
export async function extractDraft(sql: Sql, logger: Logger, draftId: string, doc: Y.Doc): Promise<void> {
  const { content, errors } = readContent(doc);
  const hash = contentHash(content as Parameters<typeof contentHash>[0]);
  await sql`
    update joint_drafts set title = ${content.title}, sections = ${sql.json(content.sections as never)}, content_hash = ${hash},
      revision = revision + 1, updated_at = now()
    where id = ${draftId} and content_hash <> ${hash}`;
  for (const e of errors) {
    await sql`insert into extraction_errors (doc, item_id, error) values (${`draft:${draftId}`}, ${e.itemId}, ${e.error})`;
  }
  if (errors.length) logger.warn({ doc: `draft:${draftId}`, skipped: errors.length }, "draft items skipped on extraction");
}

/** The draft's SQL copy, to start a doc that was written before drafts had docs (and the demo's). */
export async function readStoredDraft(sql: Sql, draftId: string): Promise<DraftContent | null> {
  const [row] = await sql<{ title: string; sections: DraftContent["sections"] }[]>`select title, sections from joint_drafts where id = ${draftId}`;
  if (!row || (!row.title && row.sections.length === 0)) return null;
  return { title: row.title, sections: row.sections.map((s) => ({ heading: s.heading ?? "", body: s.body ?? "", sectionRef: s.sectionRef ?? null })) };
}
