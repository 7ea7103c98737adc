import { data, type AppLoadContext } from "@remix-run/node";
import { requirePermission } from "../auth/guards.server";
import type { SessionUser } from "../auth/permissions";
import { findConsultationOrganisation, getResponseConsultation, type ResponseConsultation } from "./responses.server";

/**
 * The consultation of a staff answering page: 404 for an unknown one, sign-in or 403 unless the person may
 * respond to inputs (`respond:input`) in the consultation's organisation.
 */
export async function requireResponder(request: Request, context: AppLoadContext, slug: string): Promise<{ user: SessionUser; consultation: ResponseConsultation }> {
  requirePermission(request, context, "respond:input");
  const organisationId = await findConsultationOrganisation(slug);
  if (!organisationId) throw data(null, { status: 404 });
  const user = requirePermission(request, context, "respond:input", organisationId)!;
  return { user, consultation: await getResponseConsultation(slug) };
}
