// A logging proxy between the gateway and the subgraphs (and between subgraphs): what an attacker on the internal
// network sees. It forwards every request unchanged and keeps a copy of each (method, path, headers, body), so a
// test can replay captured headers wherever it likes.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  subgraph: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LoggingProxy {
  captured: CapturedRequest[];
  /** Starts a proxy in front of `target` for `subgraph`; answers the proxy's URL (same path). */
  route(subgraph: string, target: string): Promise<string>;
  close(): Promise<void>;
}

export function createLoggingProxy(): LoggingProxy {
  const captured: CapturedRequest[] = [];
  const servers: Server[] = [];
  return {
    captured,
    async route(subgraph, target) {
      const targetUrl = new URL(target);
      const server = createServer(async (request, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks).toString("utf8");
        const path = request.url ?? "/";
        captured.push({ subgraph, method: request.method ?? "GET", path, headers: request.headers, body });
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
            headers.set(name, value);
        }
        try {
          const answer = await fetch(new URL(path, targetUrl), {
            method: request.method ?? "GET",
            headers,
            ...(body ? { body } : {}),
          });
          response.writeHead(answer.status, {
            "content-type": answer.headers.get("content-type") ?? "text/plain",
          });
          response.end(Buffer.from(await answer.arrayBuffer()));
        } catch {
          response.writeHead(502).end();
        }
      });
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return `http://127.0.0.1:${port}${targetUrl.pathname}`;
    },
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
