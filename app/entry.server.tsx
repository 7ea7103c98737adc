import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { resources } from "./i18n.server";
import { LanguageProvider, StringsProvider } from "./lib/i18n-react";
import { errorPageHtml, isDatabaseDown, isIntendedAnswer } from "./lib/error-page.server";
import { createLogger, redactPath, serializeError } from "./lib/logger.server";
import { scriptsAfterFirstPaint } from "./lib/late-scripts.server";
import { NonceContext } from "./lib/nonce";

const ABORT_DELAY = 5_000;
const logger = createLogger();

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The database went away under a loader or an action: the same plain page as outside Remix (503, "nothing
  // you sent was lost, try again"), not the page of an unexpected error (issue #10).
  // Remix hands this function its errors sanitized, so handleError (below) marks the request instead.
  if (loadContext.databaseDown) {
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Cache-Control", "no-store");
    return new Response(await errorPageHtml(loadContext.locale, 503, loadContext.requestId), { status: 503, headers: responseHeaders });
  }
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The whole page is rendered before the first byte: pages are small, and a complete document
    // is what a browser without JavaScript needs (no streamed Suspense fallbacks).
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={loadContext.cspNonce}>
        <StringsProvider value={resources}>
          <LanguageProvider value={loadContext.locale}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={loadContext.cspNonce} />
          </LanguageProvider>
        </StringsProvider>
      </NonceContext.Provider>,
      {
        nonce: loadContext.cspNonce,
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-cache");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(lateScripts(body));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ reqId: loadContext.requestId, err: serializeError(error) }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

// The page paints before its scripts load (app/lib/late-scripts.server.ts). Pages are small and rendered
// whole before the first byte (onAllReady), so holding the document to rewrite it delays nothing.
function lateScripts(out: PassThrough): PassThrough {
  const chunks: Buffer[] = [];
  const into = new PassThrough();
  into.on("data", (chunk: Buffer) => chunks.push(chunk));
  into.on("end", () => out.end(scriptsAfterFirstPaint(Buffer.concat(chunks).toString("utf8"))));
  return into;
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // An aborted request (the person navigated away) is not an error worth a log line.
  if (request.signal.aborted) return;
  // Nor is a page that answers "not found" on purpose (a thrown 404 for an unknown consultation).
  if (isIntendedAnswer(error)) return;
  if (isDatabaseDown(error)) context.databaseDown = true;
  logger.error({ reqId: context.requestId, path: redactPath(new URL(request.url).pathname), err: serializeError(error) }, "unhandled error in a loader or action");
};
