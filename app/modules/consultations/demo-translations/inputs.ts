import type { Db } from "../../../../db/client";
import { sourceHash } from "../../translations/translations.server";

// Some demo inputs read across languages (issue #9 "demo data: some inputs translated"), one of each kind
// a reader meets: a person's reviewed translation, a person's translation awaiting review, machine drafts.
// Drafted for the fictional demo; shown with their status like any translation.
const INPUTS: { key: string; lang: string; method: "machine" | "human"; status: "draft" | "translated" | "reviewed"; text: string }[] = [
  {
    key: "demo-comment-2",
    lang: "en",
    method: "human",
    status: "reviewed",
    text: "Families who work in the fields have incomes that change with the season. The system risks taking them for fraudsters every year after the harvest.",
  },
  {
    key: "demo-comment-4",
    lang: "en",
    method: "machine",
    status: "draft",
    text: "Many people will not know that they can refuse the computer's score. Announce this right on the radio and at the district offices, in our languages.",
  },
  {
    key: "demo-offline-0",
    lang: "en",
    method: "machine",
    status: "draft",
    text: "The elders said that many of them have no national identity card, and their names are often written differently on every form. They fear the computer will see them as liars. The women said that if payments are late even by one month, the children do not go to school.",
  },
  {
    key: "demo-comment-0",
    lang: "fr",
    method: "human",
    status: "translated",
    text: "Ma demande a pris quatre mois parce que le nom de mon mari était écrit différemment sur deux formulaires. Si un ordinateur décide maintenant qui est vérifié deux fois, les gens comme moi, avec des papiers en désordre, seront toujours au bout de la file.",
  },
];

/** Inserts the demo inputs' translations that are missing; one already there (perhaps redone) stays. */
export async function seedDemoInputTranslations(input: { consultationId: string }, db: Db): Promise<void> {
  const inputs = await db<{ id: string; idempotencyKey: string; body: string }[]>`
    select id, idempotency_key, body from inputs where consultation_id = ${input.consultationId} and idempotency_key = any(${INPUTS.map((i) => i.key)})`;
  const byKey = new Map(inputs.map((i) => [i.idempotencyKey, i]));
  for (const t of INPUTS) {
    const source = byKey.get(t.key);
    if (!source) continue;
    await db`
      insert into translations (entity, entity_id, field, lang, text, method, status, source_hash)
      values ('input', ${source.id}, 'body', ${t.lang}, ${t.text}, ${t.method}, ${t.status}, ${sourceHash(source.body)})
      on conflict (entity, entity_id, field, lang) do nothing`;
  }
}
