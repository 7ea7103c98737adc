// @y/websocket-server 0.1.1 (the reference y-websocket server, in memory), for `npm run bench:yjs`.
import http from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";

const wss = new WebSocketServer({ noServer: true });
wss.on("connection", setupWSConnection);
const server = http.createServer((_req, res) => res.end("ok"));
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
