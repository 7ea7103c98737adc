import type { Db } from "../../../db/client";
import { CONSENT_VERSION } from "../consultations/consultations.server";

// Realistic demo comments in several languages (DESIGN.md contract "demo"): people who apply for the
// cash transfer, a caseworkers' union, a refugee-rights group, a disability organisation.
const PEOPLE = ["Amina K.", "Caseworkers' Union Branch 7", "Jean-Baptiste", "Refugee Legal Aid Network", "Zawadi M.", "Kalindi Disability Forum"];

const COMMENTS: { who: number; lang: string; ref: string | null; body: string; concerns: string[]; mitigation?: string; attribution?: string }[] = [
  {
    who: 0,
    lang: "en",
    ref: "question:Q1",
    body: "My application took four months because my husband's name was spelled differently on two forms. If a computer now decides who is checked twice, people like me with messy papers will always be at the back of the line.",
    concerns: ["fairness", "access"],
    mitigation: "Let caseworkers fix spelling differences before any score is given.",
  },
  {
    who: 1,
    lang: "en",
    ref: "section:system",
    body: "Our members will be told to follow the score when the queue is long. The Ministry must put in writing that no caseworker is judged on how often they agree with the system, and that disagreeing is part of the job.",
    concerns: ["work", "accuracy"],
    mitigation: "A written guarantee in the staff instructions, and a count of overrides published every quarter.",
  },
  {
    who: 2,
    lang: "fr",
    ref: "question:Q2",
    body: "Les familles qui travaillent aux champs ont des revenus qui changent selon la saison. Le système risque de les prendre pour des fraudeurs chaque année après la récolte.",
    concerns: ["fairness", "accuracy"],
  },
  {
    who: 3,
    lang: "en",
    ref: "question:Q3",
    body: "The audit shows refugee households were flagged more than twice as often. Removing nationality is not enough: the refugee number itself reveals it. Test again, per group, before any pilot, and publish the results.",
    concerns: ["fairness", "transparency"],
    mitigation: "An independent re-test per group before the pilot, published in full.",
    attribution: "chatham_house",
  },
  {
    who: 4,
    lang: "sw",
    ref: "question:Q4",
    body: "Watu wengi hawatajua kwamba wanaweza kukataa alama ya kompyuta. Tangazeni haki hii kwenye redio na kwenye ofisi za wilaya, kwa lugha zetu.",
    concerns: ["transparency", "access"],
  },
  {
    who: 5,
    lang: "en",
    ref: "section:remedy",
    body: "The free line and SMS are good, but many of our members cannot use either. Reviews must also be possible in person with a sign-language interpreter, and the 15-day deadline must not start until the person has actually been reached.",
    concerns: ["accessibility", "access"],
  },
];

const REPLIES: { to: number; who: number; lang: string; body: string }[] = [
  { to: 0, who: 4, lang: "en", body: "The same happened to my sister. The form did not accept her village name, so it looked like a wrong address." },
  { to: 3, who: 1, lang: "en", body: "Caseworkers see this every week: refugee files are checked twice already. Please do not automate that habit." },
];

// Heard offline and entered by a facilitator (000 §23, §56): credited to the people, not to who typed it.
const OFFLINE = [
  {
    lang: "sw",
    ref: "question:Q2",
    method: "workshop",
    count: 38,
    place: "Community hall, Mbale district",
    daysAgo: 12,
    body: "Wazee walisema kwamba wengi wao hawana kitambulisho cha taifa, na mara nyingi majina yao yameandikwa tofauti kwenye kila fomu. Wanaogopa kwamba kompyuta itawaona kama waongo. Wanawake walisema malipo yakichelewa hata mwezi mmoja, watoto hawaendi shule.",
  },
  {
    lang: "en",
    ref: "question:Q4",
    method: "radio",
    count: 14,
    place: "Radio Kalindi FM call-in programme",
    daysAgo: 6,
    body: "Most callers did not know they could ask for their application to be looked at without a score. Several said they would only trust opting out if the radio and the chiefs announce it, and if it is written on the form itself.",
  },
];

/** Inserts the demo participants, comments, replies and offline entries when the consultation has no input yet. Idempotent. */
export async function seedDemoInputs(input: { consultationId: string }, db: Db): Promise<void> {
  const [existing] = await db`select 1 from inputs where consultation_id = ${input.consultationId} limit 1`;
  if (existing) return;
  const sections = await db<{ id: string; dossierSection: string | null }[]>`
    select id, dossier_section from briefing_sections where consultation_id = ${input.consultationId}`;
  const participations: string[] = [];
  for (const pseudonym of PEOPLE) {
    const [user] = await db<{ id: string }[]>`insert into users (kind, display_name) values ('participant', ${pseudonym}) returning id`;
    const [p] = await db<{ id: string }[]>`
      insert into participations (consultation_id, user_id, pseudonym, consent_version)
      values (${input.consultationId}, ${user.id}, ${pseudonym}, ${CONSENT_VERSION}) returning id`;
    participations.push(p.id);
  }
  const ids: string[] = [];
  for (const [i, c] of COMMENTS.entries()) {
    const ref = c.ref?.startsWith("section:") ? `section:${sections.find((s) => s.dossierSection === c.ref!.slice(8))?.id}` : c.ref;
    const [row] = await db<{ id: string }[]>`
      insert into inputs (consultation_id, participation_id, kind, section_ref, lang, body, concerns, proposed_mitigation, attribution, idempotency_key, created_at)
      values (${input.consultationId}, ${participations[c.who]}, 'comment', ${ref}, ${c.lang}, ${c.body}, ${c.concerns}, ${c.mitigation ?? ""},
        ${c.attribution ?? "pseudonymous"}, ${`demo-comment-${i}`}, now() - ${`${9 - i} days`}::interval)
      returning id`;
    ids.push(row.id);
  }
  for (const [i, o] of OFFLINE.entries()) {
    await db`
      insert into inputs (consultation_id, kind, section_ref, lang, body, attribution, idempotency_key, on_behalf_count, on_behalf_method, on_behalf_place, original_date, created_at)
      values (${input.consultationId}, 'comment', ${o.ref}, ${o.lang}, ${o.body}, 'chatham_house', ${`demo-offline-${i}`}, ${o.count}, ${o.method}, ${o.place},
        (now() - ${`${o.daysAgo} days`}::interval)::date, now() - ${`${o.daysAgo - 2} days`}::interval)`;
  }
  for (const [i, r] of REPLIES.entries()) {
    await db`
      insert into inputs (consultation_id, participation_id, kind, parent_id, lang, body, attribution, idempotency_key, created_at)
      values (${input.consultationId}, ${participations[r.who]}, 'reply', ${ids[r.to]}, ${r.lang}, ${r.body}, 'pseudonymous', ${`demo-reply-${i}`}, now() - ${`${2 - i} days`}::interval)`;
  }
}
