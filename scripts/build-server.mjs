// Bundles server/ (and the modules it calls) into build/server/. Packages stay external, so the
// same node_modules serve it and the Remix build; db/client.ts shares one pool through globalThis.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts", "server/seed-demo.ts"],
  outdir: "build/server",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  alias: { "~": "./app" },
  logLevel: "warning",
});
