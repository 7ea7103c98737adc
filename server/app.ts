import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import helmet from "helmet";
import type { RequestContext } from "../app/lib/context";
import { errorPageHtml, isDatabaseDown } from "../app/lib/error-page.server";
import { isTimeZone, TZ_COOKIE } from "../app/lib/time-zone";
import { detectLocale, languageCookie, LNG_COOKIE } from "../app/lib/locale.server";
import { SESSION_COOKIE, clearSessionCookie, isWellFormedToken, sessionCookie, validateSessionToken } from "../app/modules/auth/sessions.server";
import type { Sql } from "../db/client";
import { parseCookies, serializeCookie, YEAR_SECONDS } from "../app/lib/cookies";
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, csrfTokenFor, isValidCsrf, newCsrfSecret } from "./csrf";
import { redactPath, serializeError, type Logger } from "../app/lib/logger.server";

export interface AppOptions {
  build: ServerBuild;
  sql: Sql;
  logger: Logger;
  version: string;
  dbMode: "embedded" | "postgres";
  csrfKey: Buffer;
  /** Folder with public/ (static files, public/build from Remix) and locales/. */
  rootDir: string;
  /** Honour X-Forwarded-Proto from a reverse proxy (TRUST_PROXY=1); off by default. */
  trustProxy?: boolean;
  maxBodyBytes?: number;
  /** A machine translation service is configured (TRANSLATE_URL): translators may ask it for drafts. */
  machineDrafts?: boolean;
  /** For multipart forms (document uploads): the 10 MB file limit plus room for the other fields. */
  maxUploadBytes?: number;
}

class HttpError extends Error {
  constructor(public readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** The whole HTTP application: static files, /healthz, then every page through Remix. */
export function createApp(options: AppOptions): express.Express {
  const { sql, logger, build, csrfKey } = options;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const maxUploadBytes = options.maxUploadBytes ?? 11 * 1024 * 1024;
  const app = express();
  app.disable("x-powered-by");
  // Never trust X-Forwarded-For: we do not want the client address, and Express would otherwise read it.
  app.set("trust proxy", options.trustProxy ? 1 : false);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.locals.requestId = crypto.randomUUID();
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    res.on("finish", () => {
      // No IP, no user agent, no query string (it can hold a code), no body: see server/logger.ts.
      logger.info({
        reqId: res.locals.requestId,
        method: req.method,
        path: redactPath(req.path),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      });
    });
    next();
  });

  app.use(
    helmet({
      // No third-party origin anywhere (DESIGN.md, "Things users expect"). Remix's inline bootstrap
      // scripts carry the per-request nonce; no inline style is used, so style-src needs no exception.
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as ExpressResponse).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          workerSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      // Where a participant came from is nobody else's business (000 §55).
      // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts, which
      // defeats the origin check below (and Remix's own).
      referrerPolicy: { policy: "same-origin" },
    }),
  );
  app.use((_req, res, next) => {
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    next();
  });
  app.use(compression());

  // Fingerprinted by the build, so cached for a year; everything else for an hour.
  app.use("/build", express.static(path.join(options.rootDir, "public/build"), { immutable: true, maxAge: "1y", index: false }));
  app.use("/locales", express.static(path.join(options.rootDir, "locales"), { maxAge: "1h", index: false }));
  // Other public files (favicon) are looked up only for paths that name a file, so a page request does
  // not cost a stat() call.
  const publicFiles = express.static(path.join(options.rootDir, "public"), { maxAge: "1h", index: false });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? publicFiles(req, res, next) : next()));

  app.get("/healthz", async (_req, res) => {
    let ok = false;
    try {
      await Promise.race([sql`select 1`, new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000).unref())]);
      ok = true;
    } catch (err) {
      logger.warn({ reqId: res.locals.requestId, err: serializeError(err) }, "health check: database not answering");
    }
    res.setHeader("Cache-Control", "no-store");
    res.status(ok ? 200 : 503).json({ ok, db: options.dbMode, version: options.version });
  });

  const handleRemix = createRequestHandler(build, process.env.NODE_ENV === "production" ? "production" : "development");

  app.all("*", async (req, res, next) => {
    try {
      const cookies = parseCookies(req.headers.cookie);
      const context = await requestContext(req, res, cookies, options);
      let method = req.method;
      let body: Buffer | undefined;
      let forcedStatus: number | undefined;
      if (method !== "GET" && method !== "HEAD") {
        body = await readBody(req, /^multipart\/form-data/i.test(req.get("content-type") ?? "") ? maxUploadBytes : maxBodyBytes);
        const form = await parseForm(req, body);
        const token = req.get(CSRF_HEADER) ?? (form?.get(CSRF_FIELD) as string | null);
        const tokenOk = isValidCsrf(csrfKey, cookies[CSRF_COOKIE], typeof token === "string" ? token : null);
        if (!tokenOk || !isSameOrigin(req)) {
          // The page is shown again, with a message and what was typed (never passwords), and 403.
          logger.warn({ reqId: res.locals.requestId, path: redactPath(req.path) }, "refused a POST without a valid CSRF token");
          context.csrfRejected = { values: keptValues(form) };
          method = "GET";
          body = undefined;
          forcedStatus = 403;
        }
      }
      const request = toWebRequest(req, res, method, body);
      const response = await handleRemix(request, context as unknown as AppLoadContext);
      if (forcedStatus && response.status < 300) {
        await sendWebResponse(res, new Response(response.body, { status: forcedStatus, headers: response.headers }));
      } else {
        await sendWebResponse(res, response);
      }
    } catch (err) {
      next(err);
    }
  });

  app.use(async (err: unknown, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    const status = err instanceof HttpError ? err.status : isDatabaseDown(err) ? 503 : 500;
    if (status >= 500) logger.error({ reqId: res.locals.requestId, err: serializeError(err) }, "request failed");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { locale } = detectLocale(new URL(req.originalUrl, "http://x"), parseCookies(req.headers.cookie)[LNG_COOKIE], req.get("accept-language"));
    res.status(status).type("html").setHeader("Cache-Control", "no-store");
    res.send(await errorPageHtml(locale, status, res.locals.requestId));
  });

  return app;
}

/** Sessions, language, CSRF cookie and data saver, worked out once for the request. */
async function requestContext(
  req: ExpressRequest,
  res: ExpressResponse,
  cookies: Record<string, string>,
  options: AppOptions,
): Promise<RequestContext> {
  const secure = req.secure;
  const url = new URL(req.originalUrl, "http://x");

  let csrfSecret = cookies[CSRF_COOKIE];
  if (!csrfSecret || !/^[A-Za-z0-9_-]{24}$/.test(csrfSecret)) {
    csrfSecret = newCsrfSecret();
    res.append("Set-Cookie", serializeCookie(CSRF_COOKIE, csrfSecret, { maxAgeSeconds: YEAR_SECONDS, secure }));
  }

  let user: RequestContext["user"] = null;
  let sessionEnded = false;
  const token = cookies[SESSION_COOKIE];
  if (token !== undefined) {
    const check = isWellFormedToken(token) ? await validateSessionToken(token, options.sql) : ({ status: "none" } as const);
    if (check.status === "valid") {
      user = check.user;
      if (check.renewed) res.append("Set-Cookie", sessionCookie(token, check.expiresAt, { secure }));
    } else {
      sessionEnded = check.status === "expired";
      res.append("Set-Cookie", clearSessionCookie({ secure }));
    }
  }

  const choice = detectLocale(url, cookies[LNG_COOKIE], req.get("accept-language"));
  if (choice.remember && choice.remember !== cookies[LNG_COOKIE]) {
    res.append("Set-Cookie", languageCookie(choice.remember, { secure }));
  }

  return {
    requestId: res.locals.requestId,
    cspNonce: res.locals.cspNonce,
    csrfToken: csrfTokenFor(options.csrfKey, csrfSecret),
    locale: choice.locale,
    unsupportedLng: choice.unsupported,
    user,
    sessionToken: user ? token : undefined,
    sessionEnded,
    dataSaver: req.get("save-data")?.toLowerCase() === "on" || cookies.data_saver === "1",
    timeZone: isTimeZone(cookies[TZ_COOKIE]) ? cookies[TZ_COOKIE] : null,
    secure,
    machineDrafts: options.machineDrafts === true,
  };
}

async function readBody(req: ExpressRequest, limit: number): Promise<Buffer> {
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > limit) throw new HttpError(413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function parseForm(req: ExpressRequest, body: Buffer): Promise<FormData | null> {
  const type = req.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return null;
  try {
    return await new Request("http://x/", { method: "POST", headers: { "content-type": type }, body: new Uint8Array(body) }).formData();
  } catch {
    return null; // a malformed body is refused as having no token
  }
}

function keptValues(form: FormData | null): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  if (!form) return values;
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key === CSRF_FIELD || /password/i.test(key)) continue;
    const previous = values[key];
    values[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return values;
}

function toWebRequest(req: ExpressRequest, res: ExpressResponse, method: string, body: Buffer | undefined): Request {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  if (method !== req.method) {
    headers.delete("content-type");
    headers.delete("content-length");
  }
  // Checked above with the token; Remix would refuse "null" (sent by browsers in privacy modes) with a 500.
  if (headers.get("origin") === "null") headers.delete("origin");
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  return new Request(url, { method, headers, body: body && body.length > 0 ? new Uint8Array(body) : undefined, signal: controller.signal });
}

async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status);
  // A header the route set replaces the default the server put there (a download's stricter CSP
  // replaces the page CSP); cookies add up.
  for (const [key, value] of response.headers.entries()) {
    if (key !== "set-cookie") res.setHeader(key, value);
  }
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
  // The whole body is ready (pages render onAllReady; files are read whole), so it goes out in one
  // write. Remix's stream writer flushes after every chunk, which made gzip restart its window on each
  // one: /c/demo went out as 12.5 KB instead of 8.4 KB.
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/** A browser's Origin, when it sends one, names this host. "null" (privacy modes) is left to the token. */
function isSameOrigin(req: ExpressRequest): boolean {
  const origin = req.get("origin");
  if (!origin || origin === "null") return true;
  try {
    return new URL(origin).host === req.get("host");
  } catch {
    return false;
  }
}

