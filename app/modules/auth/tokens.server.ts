import crypto from "node:crypto";

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

/** A random token for a cookie or a link: 160 bits, URL-safe. */
export function randomToken(bytes = 20): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A 100-bit recovery code in four groups of five, e.g. "7KQ2M-X9D4R-…", easy to write on paper. */
export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(20);
  let out = "";
  for (let i = 0; i < 20; i++) out += ALPHABET[bytes[i] & 31];
  return out.match(/.{5}/g)!.join("-");
}

/** Reads a code as people type it: any case, spaces or dashes, and the look-alikes O, I and L. */
export function normalizeRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export function hashRecoveryCode(code: string): string {
  return sha256(`recovery:${normalizeRecoveryCode(code)}`);
}
