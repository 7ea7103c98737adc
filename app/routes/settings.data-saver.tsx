import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { serializeCookie, YEAR_SECONDS } from "~/lib/cookies";
import { safeRedirect } from "~/modules/auth/guards.server";

export async function loader() {
  // Open to everyone: only redirects.
  return redirect("/", 303);
}

/** The data-saver choice (a cookie): on, pages go out with no script at all (issue #3). */
export async function action({ request, context }: ActionFunctionArgs) {
  // Open to everyone: a display preference kept in the person's own cookie.
  const formData = await request.formData();
  const on = formData.get("on") === "1";
  const cookie = serializeCookie("data_saver", on ? "1" : "0", { maxAgeSeconds: on ? YEAR_SECONDS : 0, secure: context.secure });
  return redirect(safeRedirect(formData.get("returnTo"), "/"), { status: 303, headers: { "Set-Cookie": cookie } });
}
