/**
 * What a file really is, read from its first bytes, and whether its name agrees. Only these kinds are
 * accepted for dossier documents; anything else, or a name that claims another kind (a page of HTML
 * called report.pdf), is refused. Pure, so it is tested without a database.
 */
export interface Sniffed {
  contentType: string;
  extensions: readonly string[];
}

const KINDS: { test: (b: Uint8Array) => boolean; sniffed: Sniffed }[] = [
  { test: (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), sniffed: { contentType: "application/pdf", extensions: ["pdf"] } },
  { test: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), sniffed: { contentType: "image/png", extensions: ["png"] } },
  { test: (b) => starts(b, [0xff, 0xd8, 0xff]), sniffed: { contentType: "image/jpeg", extensions: ["jpg", "jpeg"] } },
  { test: (b) => ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a", sniffed: { contentType: "image/gif", extensions: ["gif"] } },
  { test: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP", sniffed: { contentType: "image/webp", extensions: ["webp"] } },
  // Office Open XML and OpenDocument files are ZIP archives; the name tells which.
  {
    test: (b) => starts(b, [0x50, 0x4b, 0x03, 0x04]),
    sniffed: { contentType: "application/zip", extensions: ["docx", "xlsx", "pptx", "odt", "ods", "odp"] },
  },
];

const BY_EXTENSION: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  txt: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

function starts(b: Uint8Array, sig: number[]): boolean {
  return b.length >= sig.length && sig.every((x, i) => b[i] === x);
}
function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/** Plain text we accept: valid UTF-8, no NUL, and nothing a browser would take for HTML or SVG. */
function isPlainText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(0, 65536));
  } catch {
    return false;
  }
  return !/<\s*(!doctype|html|script|svg|body|iframe|\?xml)/i.test(text.slice(0, 2048));
}

export function extensionOf(filename: string): string {
  const m = filename.toLowerCase().match(/\.([a-z0-9]{1,8})$/);
  return m ? m[1] : "";
}

export type SniffResult = { ok: true; contentType: string } | { ok: false; error: "dossier:errors.fileType" | "dossier:errors.fileDisguised" };

/** The content type to store and serve, or why the file is refused. */
export function sniffFile(bytes: Uint8Array, filename: string): SniffResult {
  const ext = extensionOf(filename);
  const kind = KINDS.find((k) => k.test(bytes));
  if (kind) {
    if (!kind.sniffed.extensions.includes(ext)) return { ok: false, error: "dossier:errors.fileDisguised" };
    return { ok: true, contentType: BY_EXTENSION[ext] ?? kind.sniffed.contentType };
  }
  if (ext === "txt" || ext === "csv") return isPlainText(bytes) ? { ok: true, contentType: BY_EXTENSION[ext] } : { ok: false, error: "dossier:errors.fileDisguised" };
  // Known names whose bytes are something else (an HTML page called report.pdf) are disguised.
  if (["pdf", "png", "jpg", "jpeg", "gif", "webp", ...Object.keys(BY_EXTENSION)].includes(ext)) return { ok: false, error: "dossier:errors.fileDisguised" };
  return { ok: false, error: "dossier:errors.fileType" };
}

/** A file name safe to show and to put in Content-Disposition: no path, no control or quote characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"\\]/g, "").trim().slice(-120);
  return cleaned || "file";
}
