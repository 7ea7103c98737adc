import type { AppLoadContext } from "@remix-run/node";
import { requirePermissionInOrganisationOf } from "../auth/guards.server";
import type { SessionUser } from "../auth/permissions";
import { findConsultationOrganisation, getResponseConsultation, type ResponseConsultation } from "./responses.server";

/**
 * The consultation of a staff answering page: 404 for an unknown one, sign-in or 403 unless the person may
 * respond to inputs (`respond:input`) in the consultation's organisation.
 */
export async function requireResponder(request: Request, context: AppLoadContext, slug: string): Promise<{ user: SessionUser; consultation: ResponseConsultation }> {
  const user = await requirePermissionInOrganisationOf(request, context, "respond:input", () => findConsultationOrganisation(slug));
  return { user, consultation: await getResponseConsultation(slug) };
}
