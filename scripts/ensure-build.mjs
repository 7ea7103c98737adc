// `npm start` on a fresh clone: build once if `npm install` did not (e.g. --ignore-scripts).
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

if (!existsSync("build/index.js") || !existsSync("build/server/index.js")) {
  console.log("No build found: building once (npm run build).");
  execSync("npm run build", { stdio: "inherit" });
}
