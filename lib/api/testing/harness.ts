// Test support for the Survey API: calls through the real route files under app/api/v1 (the
// handlers Next.js would run, invoked with a Request, no server), emulator tokens for the API's
// audience, and a loopback HTTP server in front of the same route files for the typed client.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { requireIdentity } from "@/lib/env";
import { signIn } from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { API_PREFIX, type EndpointSpec, paramNamesOf, pathFor } from "../contract/define";
import { API, type OperationId } from "../contract/endpoints";
import type { RouteHandler } from "../server/serve";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Surveys Automation: a client-credentials caller granted Surveys.ReadWrite.All in Contoso (emulator seed). */
export const AUTOMATION = {
  clientId: "5379b2e6-37f0-45d5-afd3-698c2e9d7462",
  clientSecret: "surveys-automation-local-secret",
};

export function routeFileOf(spec: Pick<EndpointSpec, "path">): string {
  return path.join(ROOT, "app/api/v1", spec.path.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

export async function routeHandlerOf(spec: EndpointSpec): Promise<RouteHandler> {
  const module = (await import(pathToFileURL(routeFileOf(spec)).href)) as Record<string, unknown>;
  const handler = module[spec.method];
  if (typeof handler !== "function") throw new Error(`${routeFileOf(spec)} exports no ${spec.method}`);
  return handler as RouteHandler;
}

export interface RouteCall {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-encoded with content-type application/json. */
  body?: unknown;
  /** Sent as is (for malformed bodies); set content-type in headers yourself. */
  rawBody?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

/** Calls an endpoint's exported route handler the way Next.js would. */
export async function callRoute(operationId: OperationId, call: RouteCall = {}): Promise<Response> {
  const spec: EndpointSpec = API[operationId];
  const url = new URL(`http://localhost${pathFor(spec, call.params)}`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  const headers = new Headers(call.headers);
  if (call.token) headers.set("authorization", `Bearer ${call.token}`);
  let body: string | undefined = call.rawBody;
  if (body === undefined && call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers.set("content-type", "application/json");
  }
  const handler = await routeHandlerOf(spec);
  return handler(new Request(url, { method: spec.method, headers, body }), {
    params: Promise.resolve(call.params ?? {}),
  });
}

/** The body of a JSON answer, with its status checked. */
export async function jsonOf<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** A delegated access token for the Survey API (scope Surveys.ReadWrite), as the web app would send it. */
export async function apiTokenFor(username: string, tenant: string = SEEDED.contoso): Promise<string> {
  return (await signIn(username, tenant)).accessToken;
}

/** An app-only token for the Survey API through client credentials. */
export async function appTokenFor(
  tenant: string,
  client: { clientId: string; clientSecret: string } = AUTOMATION,
): Promise<string> {
  const identity = requireIdentity();
  const response = await fetch(`${identity.instance}/${tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: `${identity.api.appIdUri}/.default`,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`client credentials failed: ${body.error_description}`);
  return body.access_token;
}

interface RouteEntry {
  spec: EndpointSpec;
  pattern: RegExp;
  names: string[];
}

function routeTable(): RouteEntry[] {
  return (Object.values(API) as EndpointSpec[])
    .map((spec) => ({
      spec,
      names: paramNamesOf(spec.path),
      pattern: new RegExp(`^${API_PREFIX}${spec.path.replace(/\./g, "\\.").replace(/\{\w+\}/g, "([^/]+)")}$`),
    }))
    .sort((a, b) => a.names.length - b.names.length); // static segments (questions/order) first
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headers.append(request.rawHeaders[i] ?? "", request.rawHeaders[i + 1] ?? "");
  }
  return headers;
}

async function bodyOf(request: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? new Uint8Array(Buffer.concat(chunks)) : undefined;
}

export interface ApiServer {
  url: string;
  /** Requests the server received, in order (method and path). */
  received: string[];
  close(): Promise<void>;
}

/**
 * The route files behind a real HTTP listener on 127.0.0.1, routed by the declared paths as
 * Next.js routes by the folders. `intercept` may answer a request instead (to stage a refusal).
 */
export async function startApiServer(
  intercept?: (request: Request) => Response | undefined | Promise<Response | undefined>,
): Promise<ApiServer> {
  const routes = routeTable();
  const received: string[] = [];
  const server = createServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
      received.push(`${incoming.method} ${url.pathname}`);
      const route = routes.find((r) => r.spec.method === incoming.method && r.pattern.test(url.pathname));
      const body = await bodyOf(incoming);
      const request = new Request(url, { method: incoming.method, headers: headersOf(incoming), body });
      let response = await intercept?.(request);
      if (!response && route) {
        const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
        const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(values[i] ?? "")]));
        response = await (await routeHandlerOf(route.spec))(request, { params: Promise.resolve(params) });
      }
      response ??= new Response("no such route", { status: 404 });
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
