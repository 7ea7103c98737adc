import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// STYLE.md, "Permissions": deny by default. Every loader and action either calls the permission helper
// (or requireAssessment / requireResponder, which check one in the organisation concerned) or says, in a comment that
// starts "Open to everyone", why it needs none. A new route that does neither
// fails here before it can leak anything.
const routesDir = path.resolve("app/routes");

function handlers(source: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const re = /export (?:async )?function (loader|action)\s*\(/g;
  for (let m; (m = re.exec(source)); ) {
    // Skip the parameter list (it may hold braces: `({ request, context })`), then take the body.
    let i = m.index + m[0].length;
    for (let parens = 1; parens > 0 && i < source.length; i++) parens += source[i] === "(" ? 1 : source[i] === ")" ? -1 : 0;
    i = source.indexOf("{", i) + 1;
    const start = i;
    for (let depth = 1; depth > 0 && i < source.length; i++) depth += source[i] === "{" ? 1 : source[i] === "}" ? -1 : 0;
    out.push({ name: m[1], body: source.slice(start, i) });
  }
  return out;
}

describe("route modules", () => {
  const files = fs.readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f));

  it("are found", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    const source = fs.readFileSync(path.join(routesDir, file), "utf8");
    for (const { name, body } of handlers(source)) {
      it(`${file} ${name} checks a permission or says why it is open`, () => {
        expect(/require(Permission|PermissionInOrganisationOf|User|Assessment|Responder)\(/.test(body) || /\/\/ Open to everyone/.test(body)).toBe(true);
      });
    }
  }
});
