import type { TFunction } from "~/lib/i18n-core";
import type { NoticeKind } from "./constants";
import type { NoticeParams } from "./notices.server";
import { grievanceLine } from "../grievances/render";

/** A notice in words, in the language of `t`: the inbox and the emails say the same thing. */
export function noticeText(t: TFunction, n: { kind: NoticeKind; params: NoticeParams }): string {
  const p = n.params;
  switch (n.kind) {
    case "response":
      return t("responses:notice.response", { consultation: String(p.consultation ?? ""), decision: t(`responses:decision.${p.decision}`) });
    case "consultation_status":
      return t("responses:notice.consultation_status", { consultation: String(p.consultation ?? ""), status: t(`consultations:status.${p.status}`) });
    case "contest_answered":
      return t(p.outcome === "changed" ? "responses:notice.contest_changed" : "responses:notice.contest_upheld", { consultation: String(p.consultation ?? "") });
    case "grievance":
      return grievanceLine(t, { reference: String(p.reference ?? ""), deployment: String(p.deployment ?? ""), state: String(p.state ?? ""), outcome: p.outcome ? String(p.outcome) : null, due: p.due ? String(p.due) : null });
    case "assessment_published":
      return t("responses:notice.assessment_published", { deployment: String(p.deployment ?? ""), version: String(p.version ?? "") });
  }
}
