/// <reference types="vite/client" />
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// Issue #10: property-based tests of every form's validation. Each zod schema in app/modules/*/schema.ts
// gets what a browser (or a hostile script) can send as a form: any of its fields missing, empty, spaces,
// any text (control characters, other scripts, far too long), repeated, or an odd number. Whatever comes:
// parsing never throws, and every refusal names an error the person can read, a key of the English locale
// files (and so, by test/i18n/locales.test.ts, of every language), never zod's own English.

const modules = import.meta.glob<Record<string, unknown>>("../../../app/modules/*/schema.ts", { eager: true });

function keyExists(key: string): boolean {
  const [ns, rest] = key.split(":");
  if (!ns || !rest) return false;
  const file = path.resolve("locales/en", `${ns}.json`);
  if (!fs.existsSync(file)) return false;
  let at: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const part of rest.split(".")) at = at && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined;
  return typeof at === "string";
}

/** The fields of a form schema: through refinements, pipes and defaults to its object's shape. */
function fieldsOf(schema: z.ZodTypeAny): string[] {
  let s: z.ZodTypeAny = schema;
  for (let i = 0; i < 10; i++) {
    if (s instanceof z.ZodObject) return Object.keys(s.shape);
    const def = s._def as { schema?: z.ZodTypeAny; innerType?: z.ZodTypeAny; in?: z.ZodTypeAny; out?: z.ZodTypeAny };
    s = def.schema ?? def.innerType ?? def.in ?? def.out ?? s;
  }
  return [];
}

const schemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name, value]) => name.endsWith("Schema") && value instanceof z.ZodType)
    .map(([name, value]) => ({ label: `${file.replace(/^.*modules\//, "")} ${name}`, schema: value as z.ZodTypeAny })),
);

const oddText = fc.oneof(
  fc.constantFrom("", " ", "  \n ", "0", "-1", "1.5", "1e309", "NaN", "on", "true", "yes", "x".repeat(20_001), "<script>alert(1)</script>", "\u0000\u0007", "\u202e", "2025-02-30", "a@b", "../../etc"),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.uuid().map(String),
);
const fieldValue = fc.option(fc.oneof(oddText, fc.array(oddText, { maxLength: 4 })), { nil: undefined });

describe("every form's validation", () => {
  it("finds the schemas", () => {
    expect(schemas.length).toBeGreaterThan(40);
  });

  for (const { label, schema } of schemas) {
    const fields = fieldsOf(schema);
    it(`${label}: never throws, and every refusal is an error people can read in their language`, () => {
      // An object's fields, each maybe missing; a schema of one field (a pseudonym, a password) gets one value.
      const form = fields.length ? fc.record(Object.fromEntries(fields.map((f) => [f, fieldValue])), { requiredKeys: [] }) : fieldValue;
      fc.assert(
        fc.property(form, (values) => {
          const result = schema.safeParse(values);
          if (result.success) return;
          for (const issue of result.error.issues) {
            expect(keyExists(issue.message), `${label}: "${issue.message}" at ${issue.path.join(".")} is not a locale key`).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
