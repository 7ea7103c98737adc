import type { LoaderFunctionArgs } from "@remix-run/node";
import { asResource } from "~/lib/resource.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicAttachment } from "~/modules/deployments/attachments.server";

/**
 * A document of a published dossier. Always a download, never rendered by the browser as a page: the
 * type is the one sniffed at upload, nosniff stops the browser from guessing, and a sandboxing CSP covers
 * a browser that opens it anyway.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:register");
  return asResource(async () => {
    const file = await getPublicAttachment({ slug: params.slug!, id: params.id! });
    return new Response(new Uint8Array(file.data), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "public, max-age=86400",
        ETag: `"${file.sha256}"`,
      },
    });
  });
}
