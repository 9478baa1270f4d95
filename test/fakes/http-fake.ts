// A tiny loopback HTTP server that records every request and answers through a routing function.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string's parameters. */
  query: URLSearchParams;
  /** When it arrived (Date.now()). */
  at: number;
  /** When its answer was sent (Date.now()), once it was: a slow server handles a request this late. */
  answeredAt?: number;
  headers: IncomingMessage["headers"];
  rawBody: string;
  body: unknown;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as it is instead of `body` as JSON (XML, text). */
  raw?: string;
  /** Hold the answer this long (for timeout tests). */
  delayMs?: number;
  /** Never answer: hold the request until the client gives up (a network timeout) or the fake closes. */
  hang?: boolean;
}

export interface HttpFake {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function startHttpFake(route: (request: RecordedRequest) => FakeReply): Promise<HttpFake> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      at: Date.now(),
      headers: req.headers,
      rawBody,
      body: parseBody(rawBody, req.headers["content-type"]),
    };
    requests.push(request);
    const reply = route(request);
    if (reply.hang) return;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    request.answeredAt = Date.now();
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    res.end(reply.raw ?? (reply.body === undefined ? "" : JSON.stringify(reply.body)));
  });
  // Node closes a keep-alive connection idle for 5 s, racing a client that reuses it (ECONNRESET): tests that
  // move a clock between calls take longer than that, so idle connections stay open until close().
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
