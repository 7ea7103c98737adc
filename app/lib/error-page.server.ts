import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { escapeHtml } from "./html";

/** The database cannot be reached (refused, dropped, shutting down): the person is told to try again later. */
export function isDatabaseDown(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return ["ECONNREFUSED", "ENOENT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECT_TIMEOUT", "CONNECTION_DESTROYED", "57P01", "57P03"].includes(code ?? "");
}

/**
 * A loader or action that answers "not found", "not allowed" or "refused" on purpose, by throwing a
 * Response or `data(…, { status })` below 500: the page it means to show, not an error to log.
 */
export function isIntendedAnswer(err: unknown): boolean {
  if (err instanceof Response) return err.status < 500;
  const thrown = err as { type?: string; init?: { status?: number } | null; status?: number; internal?: boolean } | null;
  if (thrown?.type === "DataWithResponseInit") return (thrown.init?.status ?? 200) < 500;
  // An ErrorResponse (isRouteErrorResponse): Remix's own 404 and 405 for a route or method that is not there.
  if (typeof thrown?.status === "number" && "internal" in (thrown ?? {})) return thrown.status < 500;
  return false;
}

/**
 * The page for a failure outside Remix or of the database under it (a body too large, the database gone): plain HTML in the
 * person's language, no stack trace, and the request id to quote when asking for help.
 */
export async function errorPageHtml(locale: string, status: number, requestId: string): Promise<string> {
  const t = tFor(locale, "common");
  const key = status === 413 ? "tooLarge" : status === 503 ? "unavailable" : "unexpected";
  const title = escapeHtml(t(`common:errors.${key}.title`));
  const body = escapeHtml(t(`common:errors.${key}.body`));
  const reference = escapeHtml(t("common:errors.reference", { id: requestId }));
  const home = escapeHtml(t("common:errors.home"));
  return `<!doctype html><html lang="${escapeHtml(locale)}" dir="${dirOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p>${body}</p><p><small>${reference}</small></p><p><a href="/">${home}</a></p></main></body></html>`;
}
