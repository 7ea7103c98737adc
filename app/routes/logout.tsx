import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie, invalidateSession, invalidateUserSessions } from "~/modules/auth/sessions.server";

// POST only: a link or an image cannot sign anybody out.
export async function loader() {
  // Open to everyone: only redirects.
  return redirect("/account", 303);
}

/** Signs out of this browser, or with intent=everywhere out of every session of the account. */
export async function action({ request, context }: ActionFunctionArgs) {
  // Open to everyone: it ends only the caller's own sessions.
  const formData = await request.formData();
  if (context.user) {
    if (formData.get("intent") === "everywhere") await invalidateUserSessions(context.user.id);
    else if (context.sessionToken) await invalidateSession(context.sessionToken);
  }
  return redirect("/", { status: 303, headers: { "Set-Cookie": clearSessionCookie({ secure: context.secure }) } });
}
