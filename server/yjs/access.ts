import type { Sql } from "../../db/client";
import { can, type SessionUser } from "../../app/modules/auth/permissions";
import { CLOSE } from "./protocol";

/** Who may open a doc, and how: decided once, on the upgrade, from the doc's kind and the session. */
export type Access =
  | { kind: "board"; name: string; consultationId: string; write: false; participationId: null; pseudonym: null }
  | { kind: "draft"; name: string; draftId: string; write: true; participationId: string; pseudonym: string }
  | { kind: "notes"; name: string; assessmentId: string; write: true; participationId: null; pseudonym: string; userId: string };

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const BOARD = new RegExp(`^board:(${UUID})$`);
const DRAFT = new RegExp(`^draft:(${UUID})$`);
const NOTES = new RegExp(`^notes:(${UUID})$`);

export async function resolveAccess(name: string, user: SessionUser | null, sql: Sql): Promise<Access | { refuse: (typeof CLOSE)[keyof typeof CLOSE] }> {
  const board = BOARD.exec(name);
  if (board) {
    // Everyone who may view the consultation may read its board: public unless it is still a draft.
    const [visible] = await sql`select 1 from consultations where id = ${board[1]} and status <> 'draft'`;
    if (!visible) return { refuse: CLOSE.notFound };
    return { kind: "board", name, consultationId: board[1], write: false, participationId: null, pseudonym: null };
  }
  const draft = DRAFT.exec(name);
  if (draft) {
    // A group's joint submission: its members read and write; anyone else is refused, and not told
    // whether the draft exists.
    if (!user) return { refuse: CLOSE.unauthenticated };
    const [member] = await sql<{ participationId: string; pseudonym: string }[]>`
      select p.id as participation_id, p.pseudonym
      from joint_drafts d join group_members m on m.group_id = d.group_id join participations p on p.id = m.participation_id
      where d.id = ${draft[1]} and p.user_id = ${user.id}`;
    if (!member) return { refuse: CLOSE.forbidden };
    return { kind: "draft", name, draftId: draft[1], write: true, participationId: member.participationId, pseudonym: member.pseudonym };
  }
  const notes = NOTES.exec(name);
  if (notes) {
    // Analysts' shared notes on an assessment: staff who may edit it, in its deployment's organisation.
    // Staff work under their own names, so presence shows the display name (participants' pseudonyms
    // never appear here: participants cannot open notes at all).
    if (!user) return { refuse: CLOSE.unauthenticated };
    const [row] = await sql<{ organisationId: string }[]>`
      select d.organisation_id from assessments a join deployments d on d.id = a.deployment_id where a.id = ${notes[1]}`;
    if (!row || !can(user, "edit:assessment", row.organisationId)) return { refuse: CLOSE.forbidden };
    return { kind: "notes", name, assessmentId: notes[1], write: true, participationId: null, pseudonym: user.displayName, userId: user.id };
  }
  return { refuse: CLOSE.notFound };
}
