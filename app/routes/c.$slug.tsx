import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { formatDate } from "~/lib/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { findParticipation, getPublicConsultation, isAcceptingInput } from "~/modules/consultations/consultations.server";

export const handle = { i18n: ["consultations"] };

/** Loads the consultation once for all its pages (STYLE.md, contract pages). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const consultation = await getPublicConsultation(params.slug!);
  const participation = context.user ? await findParticipation({ consultationId: consultation.id, userId: context.user.id }) : null;
  const closesOnText = consultation.closesAt ? formatDate(consultation.closesAt, context.locale) : null;
  return { consultation, participation, accepting: isAcceptingInput(consultation), closesOnText };
}
export type ConsultationLayoutData = Awaited<ReturnType<typeof loader>>;

export default function ConsultationLayout() {
  return <Outlet />;
}

export { ErrorBoundary } from "~/root";
