import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { can, type Permission, type SessionUser } from "./permissions";
import { sessionCookie } from "./sessions.server";

/** A path on this site to come back to after signing in; anything else becomes the fallback. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/**
 * Deny by default (STYLE.md): returns the user when `permission` is granted, sends an anonymous
 * visitor to sign in, and throws 403 for a signed-in person without it.
 */
export function requirePermission(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
  organisationId?: string | null,
): SessionUser | null {
  if (can(context.user, permission, organisationId)) return context.user;
  if (!context.user) {
    const url = new URL(request.url);
    // Carry "your session ended" to the sign-in page: the cookie that told us is already cleared.
    const ended = context.sessionEnded ? "&ended=1" : "";
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}${ended}`, 303);
  }
  throw new Response("Forbidden", { status: 403 });
}

/** The 303 after a successful sign-in: the session cookie, then on to `to`. */
export function redirectSignedIn(to: string, session: { token: string; expiresAt: Date }, context: AppLoadContext): Response {
  return redirect(to, { status: 303, headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, { secure: context.secure }) } });
}

/** The signed-in person, or a redirect to sign in. */
export function requireUser(request: Request, context: AppLoadContext): SessionUser {
  const user = requirePermission(request, context, "manage:account:own");
  return user!;
}

/**
 * `permission` in the organisation of one record, found by `organisationOf` (null: no such record, 404).
 * Signed-in first, so an anonymous visitor learns nothing about which records exist.
 */
export async function requirePermissionInOrganisationOf(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
  organisationOf: () => Promise<string | null>,
): Promise<SessionUser> {
  requirePermission(request, context, permission);
  const organisationId = await organisationOf();
  if (!organisationId) throw data(null, { status: 404 });
  return requirePermission(request, context, permission, organisationId)!;
}
