// Bundles server/ (and the modules it calls) into build/server/.
import { build } from "esbuild";
import { serverBuildOptions } from "./server-build-options.mjs";

await build({ ...serverBuildOptions, logLevel: "warning" });
