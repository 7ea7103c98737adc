import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/**
 * The WebSocket upgrade hook for `/yjs/:doc` (DESIGN.md, Collaborative documents). The y-websocket
 * protocol, socket auth and persistence come with TODO(#6); until then the endpoint answers 503 so a
 * client backs off instead of hanging, and every other upgrade is refused with 404.
 */
export function handleUpgrade(req: IncomingMessage, socket: Duplex): void {
  const isYjs = (req.url ?? "").startsWith("/yjs/");
  const status = isYjs ? "503 Service Unavailable" : "404 Not Found";
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
