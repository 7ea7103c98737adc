import type { AppLoadContext } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicConsultation } from "~/modules/consultations/consultations.server";
import { findParticipationId } from "~/modules/inputs/inputs.server";

/**
 * A signed-in person on a consultation's pages: the consultation (404 if not public) and their
 * participation in it, or null when they have not joined. Anonymous visitors are sent to sign in.
 */
export async function requireParticipation(request: Request, context: AppLoadContext, slug: string) {
  const user = requirePermission(request, context, "comment:consultation")!;
  const consultation = await getPublicConsultation(slug);
  const participationId = await findParticipationId({ consultationId: consultation.id, userId: user.id });
  return { consultation, participationId };
}
