import crypto from "node:crypto";
import { data } from "@remix-run/node";
import { sql as pool, type Db } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { safeFilename, sniffFile } from "./sniff";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface AttachmentSummary {
  id: string;
  title: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

/**
 * Stores a document of a deployment's dossier. Refuses, storing nothing: an empty or missing file, one
 * over 10 MB, a kind we do not accept, and a file whose name claims another kind than its bytes.
 */
export async function addAttachment(
  input: { deploymentId: string; title: string; filename: string; bytes: Uint8Array; actorId: string | null },
  db: Db = pool,
): Promise<{ ok: true; id: string } | (Refusal & { field: "file" | "title" })> {
  if (input.bytes.length === 0) return { ok: false, status: 400, error: "dossier:errors.fileMissing", field: "file" };
  if (input.bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, status: 413, error: "dossier:errors.fileTooLarge", field: "file" };
  const title = input.title.trim();
  if (title.length < 2 || title.length > 200) return { ok: false, status: 400, error: "dossier:errors.attachmentTitle", field: "title" };
  const filename = safeFilename(input.filename);
  const sniffed = sniffFile(input.bytes, filename);
  if (!sniffed.ok) return { ok: false, status: 400, error: sniffed.error, field: "file" };
  const sha256 = crypto.createHash("sha256").update(input.bytes).digest("hex");
  const [row] = await db<{ id: string }[]>`
    insert into attachments (deployment_id, title, filename, content_type, size, sha256, data, created_by)
    values (${input.deploymentId}, ${title}, ${filename}, ${sniffed.contentType}, ${input.bytes.length}, ${sha256}, ${Buffer.from(input.bytes)}, ${input.actorId})
    returning id`;
  await db`insert into audit_events (actor_id, action, subject_type, subject_id, details)
    values (${input.actorId}, 'add_attachment', 'deployment', ${input.deploymentId}, ${db.json({ attachmentId: row.id, sha256 })})`;
  return { ok: true, id: row.id };
}

/** The documents of a deployment, oldest first, without their bytes (bounded). */
export async function listAttachments(input: { deploymentId: string; limit?: number }, db: Db = pool): Promise<AttachmentSummary[]> {
  return db<AttachmentSummary[]>`
    select id, title, filename, content_type, size, created_at from attachments
    where deployment_id = ${input.deploymentId} order by created_at limit ${Math.min(input.limit ?? 50, 200)}`;
}

/** A document of a published deployment with its bytes, or a 404 Response. */
export async function getPublicAttachment(input: { slug: string; id: string }, db: Db = pool): Promise<AttachmentSummary & { data: Buffer; sha256: string }> {
  if (!/^[0-9a-f-]{36}$/.test(input.id)) throw data(null, { status: 404 });
  const [row] = await db<(AttachmentSummary & { data: Buffer; sha256: string })[]>`
    select a.id, a.title, a.filename, a.content_type, a.size, a.created_at, a.sha256, a.data
    from attachments a join deployments d on d.id = a.deployment_id
    where a.id = ${input.id} and d.slug = ${input.slug} and d.status = 'published'`;
  if (!row) throw data(null, { status: 404 });
  return row;
}

/** Removes a document from a deployment (the record of who added it stays in the audit trail). */
export async function deleteAttachment(input: { deploymentId: string; id: string; actorId: string }, db: Db = pool): Promise<boolean> {
  const result = await db`delete from attachments where id = ${input.id} and deployment_id = ${input.deploymentId}`;
  if (result.count) {
    await db`insert into audit_events (actor_id, action, subject_type, subject_id, details)
      values (${input.actorId}, 'delete_attachment', 'deployment', ${input.deploymentId}, ${db.json({ attachmentId: input.id })})`;
  }
  return result.count > 0;
}
