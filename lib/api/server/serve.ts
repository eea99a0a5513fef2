// One Next.js route handler per endpoint declaration: correlation id, authentication per the
// endpoint's auth mode, input validated with its schemas, the handler (a thin call into the
// domain, where all authorization lives), the output parsed with its response schema, errors as
// problem details, and one log line per call. Route files only export what this returns.
import "server-only";
import type { Logger } from "pino";
import type { Actor } from "@/lib/auth/actor";
import { CORRELATION_HEADER, correlationIdFrom } from "@/lib/correlation";
import { requestLogger } from "@/lib/log";
import {
  API_PREFIX,
  type BodyOf,
  type CsvBody,
  type EndpointSpec,
  type HandlerResult,
  type PathParams,
  paramNamesOf,
  type QueryOf,
} from "../contract/define";
import { authenticate, type Caller } from "./authenticate";
import { AuthenticationError } from "./errors";
import { parseBody, parseQuery } from "./input";
import { problemResponse } from "./respond";

type CallerOf<E extends EndpointSpec> = E["auth"] extends "required"
  ? Caller
  : E["auth"] extends "optional"
    ? Caller | null
    : null;

export interface HandlerContext<E extends EndpointSpec> {
  /** Who is calling, from the verified token only. */
  caller: CallerOf<E>;
  params: PathParams<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  correlationId: string;
  log: Logger;
  request: Request;
}

export type EndpointHandler<E extends EndpointSpec> = (context: HandlerContext<E>) => Promise<HandlerResult<E>>;

/** The shape Next.js calls route handlers with (checked against RouteContext<…> by `next typegen`). */
export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Promise<Response>;

const encoder = new TextEncoder();

function streamOf(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

function successResponse(spec: EndpointSpec, result: unknown, headers: Headers): Response {
  const { response } = spec;
  if (response.kind === "empty") return new Response(null, { status: 204, headers });
  if (response.kind === "csv") {
    const csv = result as CsvBody;
    headers.set("content-type", "text/csv; charset=utf-8");
    headers.set("content-disposition", `attachment; filename="${csv.filename.replace(/[^\w.-]/g, "_")}"`);
    return new Response(streamOf(csv.chunks), { status: 200, headers });
  }
  // Parsed on the way out too: only what the contract promises leaves the API.
  return Response.json(response.schema.parse(result), { status: response.status, headers });
}

function paramsOf(spec: EndpointSpec, raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of paramNamesOf(spec.path)) {
    const value = raw[name];
    params[name] = typeof value === "string" ? value : "";
  }
  return params;
}

async function callerFor(spec: EndpointSpec, request: Request, log: Logger): Promise<Caller | null> {
  if (spec.auth === "none") return null;
  const caller = await authenticate(request, log);
  if (!caller && spec.auth === "required") throw new AuthenticationError("missing_token");
  return caller;
}

function actorFields(actor: Actor | undefined): Record<string, string> {
  if (!actor) return { caller: "anonymous" };
  return actor.kind === "user"
    ? { caller: "user", tenantId: actor.tenantId, userId: actor.userId }
    : { caller: "app", tenantId: actor.tenantId, appId: actor.appId };
}

export function serve<E extends EndpointSpec>(spec: E, handler: EndpointHandler<E>): RouteHandler {
  const route = `${API_PREFIX}${spec.path}`;
  return async (request, context) => {
    const started = performance.now();
    const correlationId = correlationIdFrom(request.headers.get(CORRELATION_HEADER));
    const log = requestLogger(correlationId, { method: spec.method, route });
    const headers = new Headers({ "cache-control": "no-store", [CORRELATION_HEADER]: correlationId });
    let actor: Actor | undefined;
    let response: Response;
    try {
      const caller = await callerFor(spec, request, log);
      actor = caller?.actor;
      const url = new URL(request.url);
      const result = await handler({
        caller: caller as CallerOf<E>,
        params: paramsOf(spec, await context.params) as PathParams<E>,
        query: (spec.query ? parseQuery(spec.query, url.searchParams) : undefined) as QueryOf<E>,
        body: (spec.body ? await parseBody(spec.body, request) : undefined) as BodyOf<E>,
        correlationId,
        log,
        request,
      });
      response = successResponse(spec, result, headers);
    } catch (error) {
      response = problemResponse(error, { instance: new URL(request.url).pathname, correlationId, headers, log });
    }
    log.info(
      {
        status: response.status,
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
        ...actorFields(actor),
      },
      "api call",
    );
    return response;
  };
}
