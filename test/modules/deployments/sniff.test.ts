import { describe, expect, it } from "vitest";
import { safeFilename, sniffFile } from "../../../app/modules/deployments/sniff";

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

describe("sniffFile", () => {
  it.each([
    ["report.pdf", bytes("%PDF-1.7\n..."), "application/pdf"],
    ["chart.PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image/png"],
    ["photo.jpeg", bytes([0xff, 0xd8, 0xff, 0xe0]), "image/jpeg"],
    ["contract.docx", bytes([0x50, 0x4b, 0x03, 0x04, 1, 2]), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["table.csv", bytes("group,rate\nall,4%\n"), "text/csv; charset=utf-8"],
    ["notes.txt", bytes("Réunion à Kisumu, 12 mars\n"), "text/plain; charset=utf-8"],
  ])("accepts %s as what its bytes say", (name, content, type) => {
    expect(sniffFile(content, name)).toEqual({ ok: true, contentType: type });
  });

  it.each([
    ["an HTML page named report.pdf", "report.pdf", bytes("<!doctype html><script>alert(1)</script>")],
    ["a ZIP named audit.pdf", "audit.pdf", bytes([0x50, 0x4b, 0x03, 0x04])],
    ["a PDF named photo.png", "photo.png", bytes("%PDF-1.4")],
    ["HTML in a .txt", "notes.txt", bytes("<html><body>hi</body></html>")],
    ["SVG in a .csv", "data.csv", bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ["binary in a .csv", "data.csv", bytes([0x00, 0x01, 0x02])],
  ])("refuses %s as disguised", (_what, name, content) => {
    expect(sniffFile(content, name)).toEqual({ ok: false, error: "dossier:errors.fileDisguised" });
  });

  it("refuses kinds it does not accept", () => {
    expect(sniffFile(bytes("MZ\x90\x00"), "setup.exe")).toEqual({ ok: false, error: "dossier:errors.fileType" });
    expect(sniffFile(bytes("<html>"), "page.html")).toEqual({ ok: false, error: "dossier:errors.fileType" });
  });
});

describe("safeFilename", () => {
  it("keeps the base name only, without quotes, backslashes or control characters", () => {
    expect(safeFilename('C:\\Users\\x\\..\\evil"name\r\n.pdf')).toBe("evilname.pdf");
    expect(safeFilename("../../etc/passwd")).toBe("passwd");
    expect(safeFilename("")).toBe("file");
  });
});
