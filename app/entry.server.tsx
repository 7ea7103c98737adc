import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { createInstance, type i18n } from "i18next";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions } from "./i18n";
import { remixI18n, resources } from "./i18n.server";
import { createLogger, serializeError } from "./lib/logger.server";
import { NonceContext } from "./lib/nonce";

const ABORT_DELAY = 5_000;
const logger = createLogger();

// One i18next instance per language and set of namespaces, made on first use: the resources never
// change while the server runs and a server-side instance never changes language, so building one per
// request (remix-i18next's example) was 6% of a page's time in `npm run bench` for nothing.
const instances = new Map<string, Promise<i18n>>();
function i18nFor(lng: string, ns: string[]): Promise<i18n> {
  const key = `${lng}|${ns.join(",")}`;
  let instance = instances.get(key);
  if (!instance) {
    const created = createInstance();
    instance = created.use(initReactI18next).init({ ...i18nOptions, lng, ns, resources }).then(() => created);
    instances.set(key, instance);
  }
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await i18nFor(loadContext.locale, remixI18n.getRouteNamespaces(remixContext));

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The whole page is rendered before the first byte: pages are small, and a complete document
    // is what a browser without JavaScript needs (no streamed Suspense fallbacks).
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={loadContext.cspNonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={loadContext.cspNonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce: loadContext.cspNonce,
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          if (!responseHeaders.has("Cache-Control")) responseHeaders.set("Cache-Control", "private, no-cache");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
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

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // An aborted request (the person navigated away) is not an error worth a log line.
  if (request.signal.aborted) return;
  logger.error({ reqId: context.requestId, err: serializeError(error) }, "unhandled error in a loader or action");
};
