import crypto from "node:crypto";
import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import { boardChanged } from "~/lib/board-events.server";
import { addInput } from "./inputs.server";
import { safeFilename, sniffFile } from "../deployments/sniff";

// A photo or scan of a paper answer sheet (issue #5; 000 §23): kept for the record, never public.

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"];

/** The photo's stored type, or why it is refused: empty, too large, not a picture or PDF, or disguised. */
export function checkPhoto(bytes: Uint8Array, filename: string): { ok: true; contentType: string } | { ok: false; status: 400 | 413; error: string } {
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, status: 413, error: "dossier:errors.fileTooLarge" };
  const sniffed = sniffFile(bytes, safeFilename(filename));
  if (!sniffed.ok) return { ok: false, status: 400, error: sniffed.error };
  if (!PHOTO_TYPES.includes(sniffed.contentType)) return { ok: false, status: 400, error: "inputs:proxy.errors.photoType" };
  return { ok: true, contentType: sniffed.contentType };
}

/** addInput and the photo of the sheet in one transaction: both land, or neither. */
export async function addInputWithPhoto(
  input: Parameters<typeof addInput>[0],
  photo: { contentType: string; bytes: Uint8Array } | null,
  db: Sql = pool,
): ReturnType<typeof addInput> {
  const added = (await db.begin(async (tx) => {
    const result = await addInput(input, tx);
    if (result.ok && !result.replayed && photo) await storePhoto({ inputId: result.inputId, ...photo }, tx);
    return result;
  })) as Awaited<ReturnType<typeof addInput>>;
  if (added.ok && !added.replayed) boardChanged({ consultationId: input.consultation.id, inputIds: [added.inputId] });
  return added;
}

async function storePhoto(input: { inputId: string; contentType: string; bytes: Uint8Array }, db: Db): Promise<void> {
  const sha256 = crypto.createHash("sha256").update(input.bytes).digest("hex");
  await db`
    insert into input_photos (input_id, content_type, size, sha256, data)
    values (${input.inputId}, ${input.contentType}, ${input.bytes.length}, ${sha256}, ${Buffer.from(input.bytes)})
    on conflict (input_id) do nothing`;
}

/** The photo of an input with the organisation that owns it (for the permission check), or a 404 Response. */
export async function getPhoto(inputId: string, db: Db = pool): Promise<{ contentType: string; data: Buffer; organisationId: string }> {
  if (!/^[0-9a-f-]{36}$/.test(inputId)) throw data(null, { status: 404 });
  const [row] = await db<{ contentType: string; data: Buffer; organisationId: string }[]>`
    select ph.content_type, ph.data, d.organisation_id
    from input_photos ph join inputs i on i.id = ph.input_id join consultations c on c.id = i.consultation_id join deployments d on d.id = c.deployment_id
    where ph.input_id = ${inputId}`;
  if (!row) throw data(null, { status: 404 });
  return row;
}
