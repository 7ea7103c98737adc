// Hocuspocus 3 with its defaults (in memory, no extension), for `npm run bench:yjs`.
import { Server } from "@hocuspocus/server";

const server = new Server({ port: Number(process.env.PORT), address: "127.0.0.1", quiet: true });
await server.listen();
console.log("ready");
