import type { Db } from "../../../db/client";

// The demo's briefing pack (DESIGN.md contract "demo"): free and dossier sections, each with a
// plain-language and an easy-read version (000 §57(h); 001 §32, §48), and four questions with codes.
export const SECTIONS: { dossierSection: string | null; title: string; body: string; plain: string; easyRead: string }[] = [
  {
    dossierSection: null,
    title: "Why we are asking you",
    body:
      "The Ministry has not yet signed a contract for this system. Before it decides, it wants to hear from the people who " +
      "would be affected: applicants, their families, caseworkers, and the organisations that help them. What you tell us " +
      "goes into the human-rights impact assessment of the system, and each comment will receive a public answer saying " +
      "what the Ministry did with it.\n\nYou can comment on the whole system, on one part of this briefing, or answer the " +
      "questions below. You can write in any language.",
    plain: "The Ministry is thinking about using a computer system to sort applications for cash transfers. Nothing is decided yet. Tell us what you think. Every comment gets a public answer.",
    easyRead: "The government may use a computer to help decide who gets money from the cash transfer programme.\n\nNothing is decided yet.\n\nWe want to hear what you think.\n\nWe will answer every message.",
  },
  {
    dossierSection: "purpose",
    title: "What the system is for",
    body: "",
    plain: "The system would put new applications in order, so that clear cases are paid sooner, and mark some applications for a second check. A caseworker would still make every decision.",
    easyRead: "The computer puts applications in a line.\n\nSome applications are checked twice.\n\nA person still decides every application.",
  },
  {
    dossierSection: "system",
    title: "What it does and what it does not do",
    body: "",
    plain: "It gives each application a score from 0 to 100 and a flag for a second check. It does not decide who gets money, does not set the amount, and is not used on people who already receive payments.",
    easyRead: "The computer gives each application a number.\n\nThe computer does not say yes or no.\n\nThe computer does not decide how much money you get.",
  },
  {
    dossierSection: "data",
    title: "What information it uses",
    body: "",
    plain: "It learns from applications made between 2016 and 2023, the household register and past payments. Older paper applications from rural areas and refugee settlements are missing, so the system knows less about these households.",
    easyRead: "The computer learns from old applications.\n\nSome old applications from villages and refugee camps are missing.\n\nSo the computer may make more mistakes for these families.",
  },
  {
    dossierSection: "risk",
    title: "Risks and what the Ministry promises",
    body: "",
    plain: "Cash transfers are a high-risk use of AI. A test found the system flags refugee households more than others. The Ministry promises never to refuse anyone without a person's review and never to share scores with the police, immigration or tax offices.",
    easyRead: "Mistakes can hurt families who need money.\n\nThe computer checked refugee families more often.\n\nThe Ministry promises: a person always decides.\n\nThe Ministry promises: the police will never see the numbers.",
  },
  {
    dossierSection: "remedy",
    title: "If something goes wrong",
    body: "",
    plain: "You can ask for a full review of your case by a person, and for the reasons behind a flag, at a district office, on the free line 0800 100 200 or by SMS. You get an answer within 15 working days. You can also ask that your application is not scored.",
    easyRead: "You can ask a person to look at your application again.\n\nCall 0800 100 200. It is free.\n\nYou get an answer in 3 weeks.\n\nYou can say: do not use the computer for my application.",
  },
];

export const QUESTIONS = [
  { code: "Q1", prompt: "How could automated scoring affect you, your family or the people you work with?", hint: "Think of a time your application, or someone else's, was slow, refused or checked twice." },
  { code: "Q2", prompt: "Which people would be hurt most if the system makes mistakes, and how?", hint: "For example people without an ID card, people whose income changes with the seasons, or people far from an office." },
  { code: "Q3", prompt: "What must be in place before the Ministry uses this system?", hint: "For example tests, limits on its use, the right to a human review, or who checks the vendor." },
  { code: "Q4", prompt: "Should applicants be able to say no to scoring? What would make that safe and easy?", hint: "" },
];

/** Inserts the demo briefing pack and questions when the consultation has none. Idempotent. */
export async function seedDemoBriefing(input: { consultationId: string }, db: Db): Promise<void> {
  const [existing] = await db`select 1 from briefing_sections where consultation_id = ${input.consultationId} limit 1`;
  if (!existing) {
    // One statement, so an interrupted seed leaves all sections or none.
    const rows = SECTIONS.map((s, position) => ({ consultationId: input.consultationId, position, ...s }));
    await db`insert into briefing_sections ${db(rows, "consultationId", "position", "dossierSection", "title", "body", "plain", "easyRead")}`;
  }
  for (const [position, q] of QUESTIONS.entries()) {
    await db`
      insert into questions (consultation_id, position, code, kind, prompt, hint)
      values (${input.consultationId}, ${position}, ${q.code}, 'open', ${q.prompt}, ${q.hint})
      on conflict (consultation_id, code) do nothing`;
  }
}
