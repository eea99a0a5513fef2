import type { IncomingMessage, ServerResponse } from "node:http";
import { newGuid } from "./ids";

const MAX_BODY_BYTES = 1_000_000;

export class BodyError extends Error {}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  query: URLSearchParams;
  params: Record<string, string>;
  cookies: Map<string, string>;
  /** Entra returns a new trace id per request and echoes the caller's `client-request-id`. */
  traceId: string;
  correlationId: string;
  readBody(): Promise<Buffer>;
  /** Form fields from a POST body (urlencoded), or the query string for GET. */
  readForm(): Promise<URLSearchParams>;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

export type ErrorRenderer = (ctx: RequestContext, error: unknown) => void;

interface Route {
  methods: Set<string>;
  segments: string[];
  handler: Handler;
  onError: ErrorRenderer;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A cookie we did not write; ignore it rather than fail the request.
    }
  }
  return cookies;
}

export function createContext(req: IncomingMessage, res: ServerResponse, baseUrl: string): RequestContext {
  const url = new URL(req.url ?? "/", baseUrl);
  const header = req.headers["client-request-id"];
  const correlationId =
    (typeof header === "string" && header) || url.searchParams.get("client-request-id") || newGuid();
  let bodyPromise: Promise<Buffer> | undefined;
  const readBody = (): Promise<Buffer> => {
    bodyPromise ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // Keep draining (not destroying) so the client still receives the error response.
        if (size > MAX_BODY_BYTES) {
          chunks.length = 0;
          reject(new BodyError("request body too large"));
          return;
        }
        chunks.push(chunk);
      });
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });
    return bodyPromise;
  };
  let formPromise: Promise<URLSearchParams> | undefined;
  const readForm = (): Promise<URLSearchParams> => {
    formPromise ??= (async () => {
      if (req.method !== "POST") return new URLSearchParams(url.search);
      const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      if (type !== "application/x-www-form-urlencoded") throw new BodyError("expected a form-urlencoded body");
      return new URLSearchParams((await readBody()).toString("utf8"));
    })();
    return formPromise;
  };
  return {
    req,
    res,
    method: req.method ?? "GET",
    url,
    query: url.searchParams,
    params: {},
    cookies: parseCookies(req.headers.cookie),
    traceId: newGuid(),
    correlationId,
    readBody,
    readForm,
  };
}

export class Router {
  private readonly routes: Route[] = [];

  add(methods: string | string[], pattern: string, handler: Handler, onError: ErrorRenderer): void {
    this.routes.push({
      methods: new Set(Array.isArray(methods) ? methods : [methods]),
      segments: pattern.split("/").filter(Boolean),
      handler,
      onError,
    });
  }

  /** Literal segments compare case-insensitively: msal lower-cases the whole authority URL. */
  match(method: string, pathname: string): { route: Route; params: Record<string, string> } | "method" | undefined {
    let segments: string[];
    try {
      segments = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      return undefined;
    }
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.segments.length !== segments.length && route.segments.at(-1) !== "*") continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < route.segments.length; i++) {
        const expected = route.segments[i] as string;
        const actual = segments[i];
        if (expected === "*") {
          params["*"] = segments.slice(i).join("/");
          break;
        }
        if (actual === undefined) {
          ok = false;
          break;
        }
        if (expected.startsWith(":")) params[expected.slice(1)] = actual;
        else if (expected.toLowerCase() !== actual.toLowerCase()) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (!route.methods.has(method)) {
        methodMismatch = true;
        continue;
      }
      return { route, params };
    }
    return methodMismatch ? "method" : undefined;
  }
}

export function sendJson(
  ctx: RequestContext,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  ctx.res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    ...headers,
  });
  ctx.res.end(payload);
}

export function sendHtml(
  ctx: RequestContext,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  ctx.res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Cache-Control": "no-store, no-cache",
    "X-Frame-Options": "DENY",
    ...headers,
  });
  ctx.res.end(html);
}

export function redirect(ctx: RequestContext, location: string, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(302, {
    Location: location,
    "Cache-Control": "no-store, no-cache",
    "Content-Length": 0,
    ...headers,
  });
  ctx.res.end();
}

export function sendEmpty(ctx: RequestContext, status: number, headers: Record<string, string> = {}): void {
  ctx.res.writeHead(status, { "Content-Length": 0, ...headers });
  ctx.res.end();
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  path?: string;
}

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? "/"}`,
    "Secure",
    "HttpOnly",
    "SameSite=None",
  ];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}
