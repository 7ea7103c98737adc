import type { LoaderFunctionArgs } from "@remix-run/node";
import { asResource } from "~/lib/resource.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { can } from "~/modules/auth/permissions";
import { getPhoto } from "~/modules/inputs/photos.server";

/** The photo of a paper sheet, for facilitators and analysts of the organisation only; never cached. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "view:admin")!;
  return asResource(async () => {
    const photo = await getPhoto(params.id!);
    if (!can(user, "enter:proxy_input", photo.organisationId) && !can(user, "triage:input", photo.organisationId)) {
      throw new Response("Forbidden", { status: 403 });
    }
    return new Response(new Uint8Array(photo.data), {
      headers: {
        "Content-Type": photo.contentType,
        "Content-Disposition": "inline",
        "Cache-Control": "private, no-store",
        // A PDF is shown by the browser's viewer, with nothing of the page around it able to run.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      },
    });
  });
}
