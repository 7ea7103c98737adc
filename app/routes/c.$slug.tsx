import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useActionData } from "@remix-run/react";
import { commentAction } from "~/lib/comment-action.server";
import { formatDateTime } from "~/lib/time-zone";
import { requirePermission } from "~/modules/auth/guards.server";
import { translateConsultation } from "~/modules/consultations/briefing.server";
import { findParticipation, getPublicConsultation, isAcceptingInput } from "~/modules/consultations/consultations.server";

export const handle = { i18n: ["consultations"] };

/** Loads the consultation once for all its pages (STYLE.md, contract pages). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  // In the reader's language where translated, unless they asked for the original (?original=1).
  const showOriginal = new URL(request.url).searchParams.get("original") === "1";
  const original = await getPublicConsultation(params.slug!);
  const consultation = showOriginal ? original : await translateConsultation(original, context.locale);
  const participation = context.user ? await findParticipation({ consultationId: consultation.id, userId: context.user.id }) : null;
  // In the person's own time zone once their browser has said it, else in the consultation's; named either way.
  const zone = context.timeZone ?? consultation.timeZone;
  const closesOnText = consultation.closesAt ? formatDateTime(consultation.closesAt, context.locale, zone) : null;
  const opensOnText = consultation.opensAt && consultation.opensAt > new Date() ? formatDateTime(consultation.opensAt, context.locale, zone) : null;
  return {
    // The moderation policy is long and shown only where people join or report: those pages load it.
    consultation: { ...consultation, moderationPolicy: "" },
    participation,
    accepting: isAcceptingInput(consultation),
    closesOnText,
    opensOnText,
    showOriginal,
  };
}
export type ConsultationLayoutData = Awaited<ReturnType<typeof loader>>;

// A POST to /c/<slug> (without ?index) is the comment form too: tools and old links reach it either way.
export const action = commentAction;

export default function ConsultationLayout() {
  // A comment refused after a POST to /c/<slug> comes back here; the form lives in the child route.
  return <Outlet context={useActionData<typeof action>()} />;
}

export { ErrorBoundary } from "~/root";
