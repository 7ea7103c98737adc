import type { AppLoadContext } from "@remix-run/node";
import { requirePermissionInOrganisationOf } from "../auth/guards.server";
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
  const user = await requirePermissionInOrganisationOf(request, context, permission, () => findDeploymentOrganisation(slug));
  return { user, head: await openAssessment({ slug }) };
}
