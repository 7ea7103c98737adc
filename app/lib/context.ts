import type { Lng } from "~/i18n";
import type { SessionUser } from "~/modules/auth/permissions";

/**
 * What the HTTP layer (server/app.ts) works out once per request and hands to every loader and
 * action, so no route parses cookies or headers itself.
 */
export interface RequestContext {
  requestId: string;
  cspNonce: string;
  csrfToken: string;
  locale: Lng;
  /** An unsupported ?lng= code, to tell the person it is not available. */
  unsupportedLng?: string;
  user: SessionUser | null;
  /** The session token from the cookie, for signing out. Never logged. */
  sessionToken?: string;
  /** The cookie named a session that has ended (expired or signed out elsewhere). */
  sessionEnded: boolean;
  /** Save-Data: on, or the data-saver cookie: the page goes out without any script. */
  dataSaver: boolean;
  /** The person's time zone, sent by the browser's script in the `tz` cookie; null until it has. */
  timeZone: string | null;
  /** Whether the request came over HTTPS, for the cookies' Secure flag. */
  secure: boolean;
  /** A machine translation service is configured (TRANSLATE_URL); without one no text is sent anywhere. */
  machineDrafts: boolean;
  /** A loader or action found the database gone (set by entry.server's handleError): the page says so, 503. */
  databaseDown?: boolean;
  /** A POST refused for a missing or wrong CSRF token: the page is shown again with what was typed. */
  csrfRejected?: { values: Record<string, string | string[]> };
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends RequestContext {}
}
