import { describe, expect, it } from "vitest";
import { formatDateTime, isLocalDateTime, isTimeZone, utcToZonedInput, zonedToUtc } from "../../app/lib/time-zone";

describe("time zones", () => {
  it("reads a wall-clock time in a named zone, both sides of a daylight-saving change", () => {
    expect(zonedToUtc("2026-12-01T09:30", "Africa/Nairobi").toISOString()).toBe("2026-12-01T06:30:00.000Z");
    expect(zonedToUtc("2026-07-01T12:00", "America/Sao_Paulo").toISOString()).toBe("2026-07-01T15:00:00.000Z");
    expect(zonedToUtc("2026-07-01T12:00", "Europe/London").toISOString()).toBe("2026-07-01T11:00:00.000Z");
    expect(zonedToUtc("2026-01-15T12:00", "Europe/London").toISOString()).toBe("2026-01-15T12:00:00.000Z");
    expect(zonedToUtc("2026-07-01T12:00", "Asia/Kathmandu").toISOString()).toBe("2026-07-01T06:15:00.000Z");
  });

  it("round-trips through the form's value", () => {
    for (const zone of ["UTC", "Africa/Lagos", "Asia/Dhaka", "America/La_Paz", "Europe/Paris"]) {
      expect(utcToZonedInput(zonedToUtc("2026-03-09T08:05", zone), zone)).toBe("2026-03-09T08:05");
    }
  });

  it("tells real zones and dates from made-up ones", () => {
    expect(isTimeZone("Africa/Addis_Ababa")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(isLocalDateTime("2026-02-28T23:59")).toBe(true);
    expect(isLocalDateTime("2026-02-30T10:00")).toBe(false);
    expect(isLocalDateTime("2026-02-28 10:00")).toBe(false);
  });

  it("names the zone when it shows a time", () => {
    expect(formatDateTime(new Date("2026-12-01T14:00:00Z"), "en", "Africa/Nairobi")).toMatch(/December 1, 2026.*5:00\sPM \(GMT\+3\)/u);
  });
});
