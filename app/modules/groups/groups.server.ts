import crypto from "node:crypto";
import { data } from "@remix-run/node";
import { sql as pool, type Db, type Sql } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { isAcceptingInput, type ConsultationSummary } from "../consultations/consultations.server";
import { boardChanged } from "~/lib/board-events.server";
import { docBridge } from "~/lib/doc-bridge.server";
import { addInput } from "../inputs/inputs.server";
import type { DraftSection, GroupKind } from "./schema";

// Groups and joint submissions (000 §58(c); 001 §48, §50). Every function takes the participation of the
// person acting and checks their membership and role itself: a group is reached only by its members.

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** A new invitation code, 8 characters from 32 (40 bits), read out or written on paper as K7QM-3XPD. */
export function newInviteCode(): string {
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What members endorse: the exact title and sections, so an endorsement of older words does not count. */
export function contentHash(draft: { title: string; sections: DraftSection[] }): string {
  return crypto.createHash("sha256").update(JSON.stringify([draft.title, draft.sections.map((s) => [s.heading, s.body, s.sectionRef])])).digest("hex");
}

export interface GroupSummary {
  id: string;
  name: string;
  kind: GroupKind;
  role: "coordinator" | "member";
  members: number;
}

export interface GroupPage extends GroupSummary {
  inviteCode: string | null;
  memberNames: string[];
  draft: { id: string; title: string; sections: DraftSection[]; revision: number; contentHash: string; updatedAt: Date };
  endorsedByMe: boolean;
  endorsements: number;
  /** Each submitted version, with who wrote it (members see this; the public sees the group's name). */
  submissions: { id: string; version: number; title: string; endorsements: number; members: number; submittedAt: Date; writers: string[] }[];
}

/** Creates a group with its creator as coordinator and an empty draft. Refuses a name in use here (409). */
export async function createGroup(
  input: { consultationId: string; participationId: string; name: string; kind: GroupKind },
  db: Sql = pool,
): Promise<{ ok: true; id: string } | Refusal> {
  return (await db.begin(async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into groups (consultation_id, name, kind, invite_code, created_by)
      values (${input.consultationId}, ${input.name}, ${input.kind}, ${newInviteCode()}, ${input.participationId})
      on conflict do nothing
      returning id`;
    if (!row) return { ok: false, status: 409, error: "inputs:groups.errors.nameTaken" } as const;
    await tx`insert into group_members (group_id, participation_id, role) values (${row.id}, ${input.participationId}, 'coordinator')`;
    await tx`insert into joint_drafts (group_id, content_hash) values (${row.id}, ${contentHash({ title: "", sections: [] })})`;
    return { ok: true, id: row.id } as const;
  })) as { ok: true; id: string } | Refusal;
}

/** Joins the group of this consultation that has this code; joining twice changes nothing. */
export async function joinGroupByCode(
  input: { consultationId: string; participationId: string; code: string },
  db: Db = pool,
): Promise<{ ok: true; id: string } | Refusal> {
  const [group] = await db<{ id: string }[]>`select id from groups where invite_code = ${input.code} and consultation_id = ${input.consultationId}`;
  if (!group) return { ok: false, status: 404, error: "inputs:groups.errors.codeUnknown" };
  await db`insert into group_members (group_id, participation_id, role) values (${group.id}, ${input.participationId}, 'member') on conflict do nothing`;
  return { ok: true, id: group.id };
}

/** The groups a participant belongs to in this consultation (bounded). */
export async function listMyGroups(input: { participationId: string }, db: Db = pool): Promise<GroupSummary[]> {
  return db<GroupSummary[]>`
    select g.id, g.name, g.kind, m.role, (select count(*)::int from group_members x where x.group_id = g.id) as members
    from group_members m join groups g on g.id = m.group_id
    where m.participation_id = ${input.participationId}
    order by g.name limit 50`;
}

/** The group as its member sees it, or a 404 Response when the person is not a member (or it is elsewhere). */
export async function getGroupForMember(input: { groupId: string; consultationId: string; participationId: string }, db: Db = pool): Promise<GroupPage> {
  if (!/^[0-9a-f-]{36}$/.test(input.groupId)) throw data(null, { status: 404 });
  const [group] = await db<(GroupSummary & { inviteCode: string })[]>`
    select g.id, g.name, g.kind, m.role, g.invite_code, (select count(*)::int from group_members x where x.group_id = g.id) as members
    from groups g join group_members m on m.group_id = g.id and m.participation_id = ${input.participationId}
    where g.id = ${input.groupId} and g.consultation_id = ${input.consultationId}`;
  if (!group) throw data(null, { status: 404 });
  const [[draft], memberRows, submissions] = await Promise.all([
    db<GroupPage["draft"][]>`select id, title, sections, revision, content_hash, updated_at from joint_drafts where group_id = ${group.id}`,
    db<{ pseudonym: string }[]>`
      select p.pseudonym from group_members m join participations p on p.id = m.participation_id
      where m.group_id = ${group.id} order by m.role, p.pseudonym limit 200`,
    db<GroupPage["submissions"]>`
      select s.id, s.version, s.title, s.endorsements, s.members, s.submitted_at,
        array(select p.pseudonym from participations p where p.id = any(s.contributors) order by p.pseudonym) as writers
      from joint_submissions s where s.group_id = ${group.id} order by s.version desc limit 20`,
  ]);
  const [endorsed] = await db<{ n: number; mine: boolean }[]>`
    select count(*)::int as n, coalesce(bool_or(participation_id = ${input.participationId}), false) as mine
    from draft_endorsements where draft_id = ${draft.id} and content_hash = ${draft.contentHash}`;
  return {
    ...group,
    // Only coordinators see and share the code.
    inviteCode: group.role === "coordinator" ? group.inviteCode : null,
    memberNames: memberRows.map((r) => r.pseudonym),
    draft,
    endorsedByMe: endorsed.mine,
    endorsements: endorsed.n,
    submissions,
  };
}

/** A fresh invitation code; the old one stops working at once. Coordinators only (403). */
export async function regenerateInviteCode(input: { groupId: string; participationId: string }, db: Db = pool): Promise<{ ok: true } | Refusal> {
  const result = await db`
    update groups set invite_code = ${newInviteCode()}
    where id = ${input.groupId}
      and exists (select 1 from group_members where group_id = ${input.groupId} and participation_id = ${input.participationId} and role = 'coordinator')`;
  return result.count ? { ok: true } : { ok: false, status: 403, error: "inputs:groups.errors.coordinatorOnly" };
}

/**
 * Saves the draft written in plain forms, if nobody saved a newer revision meanwhile (409 otherwise: the
 * person's text comes back to them, nothing is overwritten). Members only. The words go into the draft's
 * doc like any editor's (so people editing live see them), which copies them into `joint_drafts`.
 */
export async function saveJointDraft(
  input: { groupId: string; participationId: string; revision: number; title: string; sections: DraftSection[] },
  db: Db = pool,
): Promise<{ ok: true } | Refusal> {
  const [draft] = await db<{ id: string; revision: number }[]>`
    select d.id, d.revision from joint_drafts d
    where d.group_id = ${input.groupId}
      and exists (select 1 from group_members where group_id = ${input.groupId} and participation_id = ${input.participationId})`;
  if (!draft || draft.revision !== input.revision) return { ok: false, status: 409, error: "inputs:groups.errors.stale" };
  const bridge = docBridge();
  // The draft's doc is where a group writes; the server that holds it runs in every process that serves pages.
  if (!bridge) throw new Error("the collaborative-documents server is not running in this process");
  await bridge.editDraft(draft.id, { title: input.title, sections: input.sections }, input.participationId);
  await db`update joint_drafts set updated_by = ${input.participationId} where id = ${draft.id}`;
  return { ok: true };
}

/** Endorses (or stops endorsing) the draft's current words. Members only. */
export async function setEndorsement(
  input: { groupId: string; participationId: string; endorse: boolean },
  db: Db = pool,
): Promise<void> {
  if (input.endorse) {
    // Endorse the words as they are now in the live doc, not an older copy.
    const [draft] = await db<{ id: string }[]>`select id from joint_drafts where group_id = ${input.groupId}`;
    if (draft) await docBridge()?.flushDraft(draft.id);
    await db`
      insert into draft_endorsements (draft_id, participation_id, content_hash)
      select d.id, ${input.participationId}, d.content_hash from joint_drafts d
      where d.group_id = ${input.groupId}
        and exists (select 1 from group_members where group_id = ${input.groupId} and participation_id = ${input.participationId})
      on conflict (draft_id, participation_id) do update set content_hash = excluded.content_hash, endorsed_at = now()`;
  } else {
    await db`
      delete from draft_endorsements where participation_id = ${input.participationId}
        and draft_id = (select id from joint_drafts where group_id = ${input.groupId})`;
  }
}

/**
 * Submits the draft as the group's input: a frozen version with how many members endorsed its exact
 * words (the coordinator who submits endorses it), and one input per written section, through addInput.
 * Refuses: not a coordinator (403), nothing written or no title (400), consultation closed (409), words
 * already submitted unchanged (409). All or nothing, in one transaction.
 */
export async function submitJointDraft(
  input: { groupId: string; participationId: string; consultation: Pick<ConsultationSummary, "id" | "status" | "opensAt" | "closesAt" | "lang">; lang: string },
  db: Sql = pool,
): Promise<{ ok: true; version: number } | Refusal> {
  if (!isAcceptingInput(input.consultation)) return { ok: false, status: 409, error: "consultations:errors.closed" };
  const inputIds: string[] = [];
  // The live doc's latest words first: what is submitted is what the group sees, frozen with who wrote it.
  const [draftRow] = await db<{ id: string }[]>`select id from joint_drafts where group_id = ${input.groupId}`;
  const frozen = draftRow ? await docBridge()?.snapshotDraft(draftRow.id) : undefined;
  const submitted = (await db.begin(async (tx) => {
    const [me] = await tx<{ role: string }[]>`
      select role from group_members where group_id = ${input.groupId} and participation_id = ${input.participationId}`;
    if (me?.role !== "coordinator") return { ok: false, status: 403, error: "inputs:groups.errors.coordinatorOnly" } as const;
    const [draft] = await tx<{ id: string; title: string; sections: DraftSection[]; contentHash: string }[]>`
      select id, title, sections, content_hash from joint_drafts where group_id = ${input.groupId} for update`;
    const written = draft.sections.filter((s) => s.body.trim());
    if (!draft.title.trim() || written.length === 0) return { ok: false, status: 400, error: "inputs:groups.errors.empty" } as const;
    const [last] = await tx<{ contentHash: string }[]>`
      select content_hash from joint_submissions where group_id = ${input.groupId} order by version desc limit 1`;
    if (last?.contentHash === draft.contentHash) return { ok: false, status: 409, error: "inputs:groups.errors.unchanged" } as const;

    await tx`
      insert into draft_endorsements (draft_id, participation_id, content_hash) values (${draft.id}, ${input.participationId}, ${draft.contentHash})
      on conflict (draft_id, participation_id) do update set content_hash = excluded.content_hash, endorsed_at = now()`;
    const [counts] = await tx<{ endorsements: number; members: number }[]>`
      select (select count(*)::int from draft_endorsements where draft_id = ${draft.id} and content_hash = ${draft.contentHash}) as endorsements,
        (select count(*)::int from group_members where group_id = ${input.groupId}) as members`;
    const [submission] = await tx<{ id: string; version: number }[]>`
      insert into joint_submissions (group_id, version, title, content_hash, submitted_by, endorsements, members, snapshot, contributors)
      values (${input.groupId}, (select coalesce(max(version), 0) + 1 from joint_submissions where group_id = ${input.groupId}),
        ${draft.title}, ${draft.contentHash}, ${input.participationId}, ${counts.endorsements}, ${counts.members},
        ${frozen ? Buffer.from(frozen.snapshot) : null}, ${frozen?.contributors ?? []})
      returning id, version`;
    for (const [i, section] of written.entries()) {
      const result = await addInput(
        {
          consultation: input.consultation,
          submissionId: submission.id,
          body: section.heading ? `${section.heading}\n\n${section.body}` : section.body,
          sectionRef: section.sectionRef ?? undefined,
          lang: input.lang,
          concerns: [],
          proposedMitigation: "",
          attribution: "named",
          idempotencyKey: `joint-${submission.id}-${i}`,
        },
        tx,
      );
      if (!result.ok) throw new SubmitRefused(result);
      inputIds.push(result.inputId);
    }
    return { ok: true, version: submission.version } as const;
  }).catch((err) => {
    if (err instanceof SubmitRefused) return err.refusal;
    throw err;
  })) as { ok: true; version: number } | Refusal;
  if (submitted.ok) boardChanged({ consultationId: input.consultation.id, inputIds });
  return submitted;
}

class SubmitRefused extends Error {
  constructor(public readonly refusal: Refusal) {
    super(refusal.error);
  }
}

/** The newest items that could not be extracted from written docs, for admins (bounded). */
export async function listExtractionErrors(input: { limit?: number } = {}, db: Db = pool): Promise<{ id: string; doc: string; itemId: string; error: string; createdAt: Date }[]> {
  return db`select id::text, doc, item_id, error, created_at from extraction_errors order by created_at desc limit ${Math.min(input.limit ?? 100, 500)}`;
}
