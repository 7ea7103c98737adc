import { data, type AppLoadContext } from "@remix-run/node";
import { requirePermission } from "../auth/guards.server";
import type { Permission, SessionUser } from "../auth/permissions";
import { findDeploymentOrganisation, openAssessment, type AssessmentHead } from "./assessment.server";

/**
 * The assessment of deployment `slug` for a staff page: 404 for an unknown deployment, sign-in or 403
 * unless the person holds `permission` in the deployment's organisation. Every assessment page starts here.
 */
export async function requireAssessment(
  request: Request,
  context: AppLoadContext,
  slug: string,
  permission: Permission = "edit:assessment",
): Promise<{ user: SessionUser; head: AssessmentHead }> {
  // Sign-in first, so an anonymous visitor learns nothing about which slugs exist.
  requirePermission(request, context, permission);
  const organisationId = await findDeploymentOrganisation(slug);
  if (!organisationId) throw data(null, { status: 404 });
  const user = requirePermission(request, context, permission, organisationId)!;
  return { user, head: await openAssessment({ slug }) };
}
