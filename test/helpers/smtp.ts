import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback (smtp-server) for the mail tests, never a mock; it keeps what it receives.

export interface Mail {
  to: string;
  raw: string;
}

/** Starts an SMTP server on 127.0.0.1 (port 0: any free one) that appends every mail to `mails`. */
export function startSmtp(mails: Mail[], port = 0): Promise<SMTPServer & { port: number }> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  return new Promise((resolve) => smtp.listen(port, "127.0.0.1", () => resolve(Object.assign(smtp, { port: (smtp.server.address() as AddressInfo).port }))));
}

/** The decoded text of a mail (nodemailer may quote-print or base64 it). */
export function bodyOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/content-transfer-encoding: quoted-printable/i.test(head)) {
    return Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  }
  return body;
}
export const subjectOf = (raw: string) => {
  const m = raw.match(/^Subject: (.*(?:\r?\n[ \t].*)*)/m)![1].replace(/\r?\n[ \t]/g, " ");
  // RFC 2047 encoded words, as nodemailer writes non-ASCII subjects.
  return m.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s?/gi, (_, enc, text) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/g, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
};

