// `npm run dev`: rebuilds the app and the server on change and restarts the server. No live reload in
// the page (it would need a second origin in the CSP): reload the browser after a change.
import { spawn } from "node:child_process";
import { context } from "esbuild";
import { serverBuildOptions } from "./server-build-options.mjs";

const children = [];
const run = (cmd, args) => {
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, NODE_ENV: "development" } });
  children.push(child);
  return child;
};

const server = await context({ ...serverBuildOptions, logLevel: "info" });
await server.rebuild();
await server.watch();
run("npx", ["remix", "watch"]);
run(process.execPath, ["--watch-path=build", "--enable-source-maps", "build/server/index.js"]);

const stop = () => {
  for (const c of children) c.kill("SIGTERM");
  server.dispose().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
