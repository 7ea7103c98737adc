import type { TFunction } from "~/lib/i18n-core";
import type { GrievanceEmail } from "./grievances.server";

// A grievance's follow-up in words, in the language the person filed in (issue #8; 001 §60; 003 pt6).
// An adverse decision always says why, what will be done, and how, by when and to whom to appeal.

/** One line for the inbox and email subjects: the case, and where it stands now. */
export function grievanceLine(t: TFunction, p: { reference: string; deployment: string; state: string; outcome?: string | null; due?: string | null }): string {
  const base = { reference: p.reference, deployment: p.deployment, due: p.due ?? "" };
  if (p.state === "decided" && p.outcome) return t(`grievances:notice.decided`, { ...base, outcome: t(`grievances:outcome.${p.outcome}`) });
  return t(`grievances:notice.${p.state}`, base);
}

/** The whole email about one step of a case. */
export function grievanceEmailText(t: TFunction, e: GrievanceEmail, siteUrl: string): { subject: string; text: string } {
  const subject = grievanceLine(t, { ...e, due: e.dueOn });
  const lines = [subject, ""];
  if (e.entity && e.dueOn && e.state !== "decided") lines.push(t("grievances:email.next", { entity: e.entity, due: e.dueOn }));
  if (e.note) lines.push("", t("grievances:email.note"), e.note);
  if (e.reason) lines.push("", t("grievances:email.reason"), e.reason);
  if (e.remedy) lines.push("", t("grievances:email.remedy"), e.remedy);
  if (e.appealEntity && e.dueOn) lines.push("", t("grievances:email.appeal", { due: e.dueOn, entity: e.appealEntity, count: e.appealDays ?? 0 }));
  lines.push("", t("grievances:email.follow", { url: `${siteUrl}/grievances/${e.reference}`, reference: e.reference }));
  return { subject, text: lines.join("\n") };
}
