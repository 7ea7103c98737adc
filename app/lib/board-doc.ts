import type { BoardItem } from "~/components/board";
import type { BoardDocRow } from "~/modules/inputs/inputs.server";

/**
 * The board doc's items (DESIGN.md, "Collaborative documents"): one Y.Map per input in the doc's
 * Y.Array("items"), its words in a Y.Text. The server writes them from SQL (server/yjs.ts); pages read
 * them to show new inputs as they arrive. The doc is public like the board: it carries what the board
 * shows and nothing more (no facilitator, no author under the Chatham House rule). No yjs import here:
 * pages load yjs only when they follow a board live.
 */
export const ITEMS = "items";

/**
 * Y.Array("generation"): one id, written when the server builds the doc from SQL. A server started again
 * builds a new doc with new items; a reader that kept the old one and reconnects would merge both and
 * hold every input twice. So a reader that sees more than one generation starts again from an empty doc.
 */
export const GENERATION = "generation";

export interface BoardDocItem {
  id: string;
  kind: "comment" | "reply" | "joint_section";
  parentId: string | null;
  sectionRef: string | null;
  lang: string;
  body: string;
  concerns: string[];
  rights: string[];
  groups: string[];
  severity: { scale: number | null; scope: number | null; reversibility: number | null; likelihood: number | null } | null;
  proposedMitigation: string;
  onBehalfOf: { count: number; method: string; date: string | null } | null;
  attribution: string;
  authorRef: string | null;
  pseudonym: string | null;
  organisation: string | null;
  createdAt: string;
  choices: string[];
  hidden: { reason: string; note: string } | null;
  withdrawn: boolean;
  authorWithdrawn: boolean;
  duplicateOf: string | null;
  group: { name: string; kind: string; version: number; endorsements: number; members: number } | null;
}

/** The doc's fields of an input row (all but the words, which go into a Y.Text). */
export function fieldsOf(row: BoardDocRow): Omit<BoardDocItem, "body"> {
  const rated = [row.sevScale, row.sevScope, row.sevReversibility, row.sevLikelihood].some((v) => v != null);
  return {
    id: row.id,
    kind: row.kind,
    parentId: row.parentId,
    sectionRef: row.sectionRef,
    lang: row.lang,
    concerns: row.concerns,
    rights: row.rights,
    groups: row.affectedGroups,
    severity: rated ? { scale: row.sevScale, scope: row.sevScope, reversibility: row.sevReversibility, likelihood: row.sevLikelihood } : null,
    proposedMitigation: row.proposedMitigation,
    onBehalfOf: row.onBehalfCount ? { count: row.onBehalfCount, method: row.onBehalfMethod ?? "other", date: row.originalDate } : null,
    attribution: row.attribution,
    authorRef: row.authorRef,
    pseudonym: row.pseudonym,
    organisation: row.organisation,
    createdAt: new Date(row.createdAt).toISOString(),
    choices: row.choices,
    hidden: row.hiddenReason ? { reason: row.hiddenReason, note: row.hiddenNote } : null,
    withdrawn: row.withdrawn,
    authorWithdrawn: row.authorWithdrawn,
    duplicateOf: row.duplicateOf,
    group: row.groupName
      ? { name: row.groupName, kind: row.groupKind ?? "other", version: row.submissionVersion ?? 1, endorsements: row.endorsements ?? 0, members: row.members ?? 0 }
      : null,
  };
}

/** An item as plain data, from its Y.Map; null for a malformed one (skipped, never thrown on). */
export function readItem(map: unknown): BoardDocItem | null {
  if (typeof (map as { toJSON?: unknown } | null)?.toJSON !== "function") return null;
  const json = (map as { toJSON(): unknown }).toJSON() as Partial<BoardDocItem> | null;
  if (!json || typeof json !== "object") return null;
  if (typeof json.id !== "string" || typeof json.createdAt !== "string") return null;
  return {
    id: json.id,
    kind: json.kind ?? "comment",
    parentId: json.parentId ?? null,
    sectionRef: json.sectionRef ?? null,
    lang: json.lang ?? "en",
    body: typeof json.body === "string" ? json.body : "",
    concerns: json.concerns ?? [],
    rights: json.rights ?? [],
    groups: json.groups ?? [],
    severity: json.severity ?? null,
    proposedMitigation: json.proposedMitigation ?? "",
    onBehalfOf: json.onBehalfOf ?? null,
    attribution: json.attribution ?? "pseudonymous",
    authorRef: json.authorRef ?? null,
    pseudonym: json.pseudonym ?? null,
    organisation: json.organisation ?? null,
    createdAt: json.createdAt,
    choices: json.choices ?? [],
    hidden: json.hidden ?? null,
    withdrawn: json.withdrawn ?? false,
    authorWithdrawn: json.authorWithdrawn ?? false,
    duplicateOf: json.duplicateOf ?? null,
    group: json.group ?? null,
  };
}

/** An item as the board component shows it; dates in the person's language (formatted in the browser). */
export function toBoardItem(item: BoardDocItem, locale: string): BoardItem {
  const day = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));
  return {
    id: item.id,
    parentId: item.parentId,
    sectionRef: item.sectionRef,
    lang: item.lang,
    body: item.hidden ? "" : item.body,
    concerns: item.concerns,
    proposedMitigation: item.proposedMitigation,
    pseudonym: item.pseudonym,
    organisation: item.organisation,
    createdOn: day(item.createdAt),
    onBehalfCount: item.onBehalfOf?.count ?? null,
    onBehalfMethod: item.onBehalfOf?.method ?? null,
    originalOn: item.onBehalfOf?.date ? day(item.onBehalfOf.date) : null,
    authorWithdrawn: item.authorWithdrawn,
    withdrawn: item.withdrawn,
    choices: item.choices,
    sevScale: item.severity?.scale ?? null,
    sevScope: item.severity?.scope ?? null,
    sevReversibility: item.severity?.reversibility ?? null,
    sevLikelihood: item.severity?.likelihood ?? null,
    rights: item.rights,
    affectedGroups: item.groups,
    hiddenReason: (item.hidden?.reason ?? null) as BoardItem["hiddenReason"],
    hiddenNote: item.hidden?.note ?? "",
    copies: 0,
    groupName: item.group?.name ?? null,
    groupKind: item.group?.kind ?? null,
    submissionVersion: item.group?.version ?? null,
    endorsements: item.group?.endorsements ?? null,
    members: item.group?.members ?? null,
    hasPhoto: false,
  };
}
