// esbuild options for the server bundle, shared by `npm run build` and `npm run dev`. Packages stay
// external, so the same node_modules serve it and the Remix build; db/client.ts shares one pool through
// globalThis.
export const serverBuildOptions = {
  entryPoints: ["server/index.ts", "server/seed-demo.ts"],
  outdir: "build/server",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  alias: { "~": "./app" },
};
