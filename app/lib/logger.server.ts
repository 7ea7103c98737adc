import pino from "pino";

/**
 * Structured JSON logs. Nothing in them identifies a person: no IP address, cookie, session id,
 * password or input text is ever passed to the logger (000 §55; 001 §19). Request lines carry a
 * request id, the method, a path with secrets cut out, the status and the time taken. Errors are
 * passed through `serializeError` by the caller (pino would otherwise log every enumerable field).
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}) {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: undefined,
      // Belt and braces: should a header object ever reach a log call, these fields are removed.
      redact: { paths: ["req.headers", "headers", "cookie", "password", "*.password", "parameters", "*.parameters"], remove: true },
    },
    options.destination,
  );
}
export type Logger = ReturnType<typeof createLogger>;

/** An error without postgres.js's query parameters or anything else it may carry from a request. */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string };
  return { type: e.name, message: e.message, code: e.code, stack: e.stack };
}

/** Paths that carry a secret in a segment (invitation links) are logged without it. */
export function redactPath(pathname: string): string {
  // A grievance's reference code is the key to the case: never in a log.
  return pathname
    .replace(/^\/invite\/[^/]+/, "/invite/:token")
    .replace(/^\/grievances\/[^/]+/, "/grievances/:reference")
    .slice(0, 200);
}
