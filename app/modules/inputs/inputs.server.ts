import crypto from "node:crypto";
import { sql as pool, type Db } from "../../../db/client";
import type { Refusal } from "../auth/auth.server";
import { isAcceptingInput, type ConsultationSummary } from "../consultations/consultations.server";
import { boardChanged } from "~/lib/board-events.server";
import { campaignHash, findCampaignOriginal } from "./moderation.server";
import type { ModerationReason, NewInput } from "./schema";

/** What addInput needs: the form's fields; the structured ones are optional (a facilitator's entry has none). */
export type InputFields = Omit<NewInput, "lang" | "choices" | "sevScale" | "sevScope" | "sevReversibility" | "sevLikelihood" | "rights" | "affectedGroups"> &
  Partial<Pick<NewInput, "choices" | "sevScale" | "sevScope" | "sevReversibility" | "sevLikelihood" | "rights" | "affectedGroups">>;

// Contract "limits": never slower than a person's normal pace (at least 10 a minute), but a script
// posting hundreds is stopped. Counted per participation from the table itself (indexed), no extra store.
export const RATE_PER_MINUTE = 20;
export const RATE_PER_HOUR = 200;
// A facilitator types in a whole workshop's sheets at once: a higher ceiling, still a ceiling.
export const PROXY_RATE_PER_MINUTE = 60;
// A whole consultation: far above any real surge (100 a second), low enough that a flood from many
// throw-away accounts is stopped before it buries everyone else.
export const CONSULTATION_RATE_PER_MINUTE = 6000;

/** Who an input comes from: a participant, or the people a facilitator heard offline (000 §23, §56). */
export type InputAuthor =
  | { participationId: string }
  /** A section of a group's joint submission: the group speaks, not one member (000 §58(c)). */
  | { submissionId: string }
  | { proxy: { facilitatorId: string; count: number; method: "workshop" | "paper" | "phone" | "radio" | "other"; place: string; originalDate: string } };

export function newIdempotencyKey(): string {
  return crypto.randomBytes(18).toString("base64url");
}

/**
 * The one way an input is written (DESIGN.md: the no-JS form, the JS form and facilitators' proxy entry
 * all call it). Validates the target, authorizes (the author must have joined), rate-limits, and is
 * idempotent: a form sent twice with the same key returns the first input instead of writing another.
 * Refusals are values: closed 409, unknown parent or target 400, too fast 429.
 */
export async function addInput(
  input: InputFields & { consultation: Pick<ConsultationSummary, "id" | "status" | "opensAt" | "closesAt" | "lang">; lang?: string } & InputAuthor,
  db: Db = pool,
): Promise<{ ok: true; inputId: string; replayed: boolean } | Refusal> {
  const consultationId = input.consultation.id;
  const [replay] = await db<{ id: string }[]>`
    select id from inputs where consultation_id = ${consultationId} and idempotency_key = ${input.idempotencyKey}`;
  if (replay) return { ok: true, inputId: replay.id, replayed: true };
  if (!isAcceptingInput(input.consultation)) return { ok: false, status: 409, error: "consultations:errors.closed" };

  if (input.parentId) {
    const [parent] = await db`select 1 from inputs where id = ${input.parentId} and consultation_id = ${consultationId} and status = 'published'`;
    if (!parent) return { ok: false, status: 400, error: "inputs:errors.unknownParent" };
  }
  let question: { kind: string; choices: string[] } | null = null;
  if (input.sectionRef) {
    const [kind, ref] = input.sectionRef.split(":");
    const [target] =
      kind === "section"
        ? await db<{ kind: null; choices: null }[]>`select null as kind, null as choices from briefing_sections where id = ${ref} and consultation_id = ${consultationId}`
        : await db<{ kind: string; choices: string[] }[]>`select kind, choices from questions where code = ${ref} and consultation_id = ${consultationId}`;
    if (!target) return { ok: false, status: 400, error: "inputs:errors.unknownTarget" };
    question = target.kind ? target : null;
  }
  const choices = input.choices ?? [];
  if (choices.length) {
    // Ticks only answer a choice question, only its own letters, and only one for a single choice.
    const letters = (question?.choices ?? []).map((_, i) => String.fromCharCode(65 + i));
    const choiceQuestion = question?.kind === "single_choice" || question?.kind === "multiple_choice";
    if (!choiceQuestion || choices.some((c) => !letters.includes(c)) || (question!.kind === "single_choice" && choices.length > 1)) {
      return { ok: false, status: 400, error: "inputs:errors.choice" };
    }
  }
  const affectedGroups = input.affectedGroups ?? [];
  if (affectedGroups.length) {
    const [known] = await db<{ n: number }[]>`
      select count(*)::int as n from target_groups where consultation_id = ${consultationId} and id in ${db(affectedGroups)}`;
    if (known.n !== new Set(affectedGroups).size) return { ok: false, status: 400, error: "inputs:errors.unknownGroup" };
  }
  const proxy = "proxy" in input ? input.proxy : null;
  const submissionId = "submissionId" in input ? input.submissionId : null;
  // A joint submission is bounded by its sections and sent once per version: no per-minute limit.
  const [rate] = submissionId
    ? [{ minute: 0, hour: 0 }]
    : await db<{ minute: number; hour: number }[]>`
    select count(*) filter (where created_at > now() - interval '1 minute')::int as minute, count(*)::int as hour
    from inputs
    where ${proxy ? db`facilitator_id = ${proxy.facilitatorId}` : db`participation_id = ${"participationId" in input ? input.participationId : null}`}
      and created_at > now() - interval '1 hour'`;
  const perMinute = proxy ? PROXY_RATE_PER_MINUTE : RATE_PER_MINUTE;
  if (rate.minute >= perMinute || rate.hour >= RATE_PER_HOUR * (proxy ? 5 : 1)) return { ok: false, status: 429, error: "inputs:errors.tooFast" };
  const [busy] = await db<{ n: number }[]>`
    select count(*)::int as n from (
      select 1 from inputs where consultation_id = ${consultationId} and created_at > now() - interval '1 minute' limit ${CONSULTATION_RATE_PER_MINUTE}) recent`;
  if (busy.n >= CONSULTATION_RATE_PER_MINUTE) return { ok: false, status: 429, error: "inputs:errors.busy" };

  // Identical words already published here: kept, grouped under the first, counted once (a possible campaign).
  const textHash = input.parentId || submissionId ? null : campaignHash(input.body);
  const duplicateOf = textHash ? await findCampaignOriginal({ consultationId, textHash }, db) : null;

  const [row] = await db<{ id: string }[]>`
    insert into inputs (consultation_id, participation_id, kind, parent_id, section_ref, lang, body, concerns, proposed_mitigation, attribution, idempotency_key,
      facilitator_id, on_behalf_count, on_behalf_method, on_behalf_place, original_date,
      choices, sev_scale, sev_scope, sev_reversibility, sev_likelihood, rights, affected_groups, text_hash, duplicate_of, submission_id)
    values (${consultationId}, ${"participationId" in input ? input.participationId : null}, ${submissionId ? "joint_section" : input.parentId ? "reply" : "comment"}, ${input.parentId ?? null},
      ${input.sectionRef ?? null}, ${input.lang ?? input.consultation.lang}, ${input.body}, ${input.concerns}, ${input.proposedMitigation}, ${input.attribution},
      ${input.idempotencyKey}, ${proxy?.facilitatorId ?? null}, ${proxy?.count ?? null}, ${proxy?.method ?? null}, ${proxy?.place ?? null}, ${proxy?.originalDate ?? null},
      ${choices}, ${input.sevScale ?? null}, ${input.sevScope ?? null}, ${input.sevReversibility ?? null}, ${input.sevLikelihood ?? null},
      ${input.rights ?? []}, ${affectedGroups}, ${textHash}, ${duplicateOf}, ${submissionId})
    on conflict (consultation_id, idempotency_key) do nothing
    returning id`;
  if (!row) {
    // The same form arrived twice at once: the other request wrote it.
    const [other] = await db<{ id: string }[]>`select id from inputs where consultation_id = ${consultationId} and idempotency_key = ${input.idempotencyKey}`;
    return { ok: true, inputId: other.id, replayed: true };
  }
  // The live board doc (server/yjs.ts) takes it from SQL once it is committed: at once when this is
  // not a transaction, else the caller tells it after commit (boardChanged).
  if (db === pool) boardChanged({ consultationId, inputIds: [row.id] });
  return { ok: true, inputId: row.id, replayed: false };
}

export interface BoardInput {
  id: string;
  parentId: string | null;
  sectionRef: string | null;
  lang: string;
  body: string;
  concerns: string[];
  proposedMitigation: string;
  attribution: "named" | "pseudonymous" | "chatham_house";
  /** Null under the Chatham House rule: the words are published, never who said them (002 introduction). */
  pseudonym: string | null;
  /** Only when the author chose to publish under their name and gave an organisation. */
  organisation: string | null;
  createdAt: Date;
  /** Set for input a facilitator entered for people heard offline; the facilitator is never shown. */
  onBehalfCount: number | null;
  onBehalfMethod: string | null;
  originalDate: string | null;
  /** The author deleted their account; the words stay unless they withdrew them too. */
  authorWithdrawn: boolean;
  withdrawn: boolean;
  /** Structured answers: ticked choice letters, ratings 1-4 (shown in words), rights and groups affected. */
  choices: string[];
  sevScale: number | null;
  sevScope: number | null;
  sevReversibility: number | null;
  sevLikelihood: number | null;
  rights: string[];
  affectedGroups: string[];
  /** Hidden by a moderator: the public reason and note; the words are not sent. */
  hiddenReason: ModerationReason | null;
  hiddenNote: string;
  /** How many more participants sent the same words (grouped under this one, a possible campaign). */
  copies: number;
  /** A section of a group's joint submission: the group, the version and how many members endorsed it. */
  groupName: string | null;
  groupKind: string | null;
  submissionVersion: number | null;
  endorsements: number | null;
  members: number | null;
  /** A photo of the paper sheet is kept (shown to staff only). */
  hasPhoto: boolean;
}

// A hidden input keeps its place (replies still make sense) but its words stay on the server.
const boardColumns = (db: Db) => db`
  i.id, i.parent_id, i.section_ref, i.lang, i.attribution, i.created_at,
  case when i.status = 'hidden' then '' else i.body end as body,
  case when i.status = 'hidden' then '{}' else i.concerns end as concerns,
  case when i.status = 'hidden' then '' else i.proposed_mitigation end as proposed_mitigation,
  case when i.attribution = 'chatham_house' then null else p.pseudonym end as pseudonym,
  case when i.attribution = 'named' and p.organisation <> '' then p.organisation end as organisation,
  i.participation_id is null and i.on_behalf_count is null and i.submission_id is null as author_withdrawn, i.status = 'withdrawn' as withdrawn,
  i.on_behalf_count, i.on_behalf_method, to_char(i.original_date, 'YYYY-MM-DD') as original_date,
  i.choices, i.sev_scale, i.sev_scope, i.sev_reversibility, i.sev_likelihood, i.rights, i.affected_groups,
  i.hidden_reason, i.hidden_note,
  (select count(*) from inputs d where d.duplicate_of = i.id and d.status = 'published')::int as copies,
  g.name as group_name, g.kind as group_kind, s.version as submission_version, s.endorsements, s.members,
  exists (select 1 from input_photos ph where ph.input_id = i.id) as has_photo`;
const boardFrom = (db: Db) => db`
  inputs i left join participations p on p.id = i.participation_id
  left join joint_submissions s on s.id = i.submission_id left join groups g on g.id = s.group_id`;

/** One input as the board shows it, if it is in this consultation. */
export async function findBoardInput(input: { consultationId: string; inputId: string }, db: Db = pool): Promise<BoardInput | null> {
  const [row] = await db<BoardInput[]>`
    select ${boardColumns(db)} from ${boardFrom(db)}
    where i.id = ${input.inputId} and i.consultation_id = ${input.consultationId}`;
  return row ?? null;
}

/** An input as the live board doc holds it (server/yjs.ts): the board's fields and how it relates to others. */
export interface BoardDocRow extends BoardInput {
  kind: "comment" | "reply" | "joint_section";
  duplicateOf: string | null;
  /** The participation (an opaque id valid in this consultation only); none under the Chatham House rule. */
  authorRef: string | null;
}

const BOARD_DOC_LIMIT = 50_000;

/**
 * Inputs for the live board doc: every input of the consultation (up to 50,000, oldest first), or only
 * the given ones. Read from SQL, the source of truth; the doc is a view of it.
 */
export async function listBoardDocRows(input: { consultationId: string; inputIds?: string[] }, db: Db = pool): Promise<BoardDocRow[]> {
  if (input.inputIds && input.inputIds.length === 0) return [];
  return db<BoardDocRow[]>`
    select ${boardColumns(db)}, i.kind, i.duplicate_of,
      case when i.attribution <> 'chatham_house' then i.participation_id end as author_ref
    from ${boardFrom(db)}
    where i.consultation_id = ${input.consultationId} ${input.inputIds ? db`and i.id in ${db(input.inputIds)}` : db``}
    order by i.created_at, i.id limit ${BOARD_DOC_LIMIT}`;
}

/**
 * The newest published comments of a consultation (bounded) with their replies (bounded per page), as
 * the board shows them. Two indexed queries.
 */
export async function listBoard(input: { consultationId: string; limit?: number }, db: Db = pool): Promise<{ comments: BoardInput[]; replies: BoardInput[] }> {
  const limit = Math.min(input.limit ?? 50, 200);
  const columns = boardColumns(db);
  const comments = await db<BoardInput[]>`
    select ${columns} from ${boardFrom(db)}
    where i.consultation_id = ${input.consultationId} and i.parent_id is null and i.duplicate_of is null
    order by i.created_at desc limit ${limit}`;
  const replies = comments.length
    ? await db<BoardInput[]>`
        select ${columns} from ${boardFrom(db)}
        where i.parent_id in ${db(comments.map((c) => c.id))}
        order by i.created_at limit 500`
    : [];
  return { comments, replies };
}

/** The participation of a signed-in person in this consultation (the author of their inputs), or null. */
export async function findParticipationId(input: { consultationId: string; userId: string }, db: Db = pool): Promise<string | null> {
  const [row] = await db<{ id: string }[]>`select id from participations where consultation_id = ${input.consultationId} and user_id = ${input.userId}`;
  return row?.id ?? null;
}
