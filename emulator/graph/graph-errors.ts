import { type RequestContext, sendJson } from "../support/http";

/** A Graph failure in Graph's OData error shape (entra-protocol.md §8). */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "GraphError";
  }
}

export const GRAPH_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function graphHeaders(http: RequestContext): Record<string, string> {
  return {
    "request-id": http.traceId,
    "client-request-id": http.correlationId,
    "x-ms-ags-diagnostic": JSON.stringify({
      ServerInfo: { DataCenter: "Local", Slice: "E", Ring: "1", ScaleUnit: "000", RoleInstance: "EMULATOR" },
    }),
    "Cache-Control": "no-cache",
  };
}

export function sendGraph(http: RequestContext, status: number, body: unknown): void {
  sendJson(http, status, body, { ...graphHeaders(http), "Content-Type": GRAPH_JSON });
}

export function sendGraphError(http: RequestContext, error: GraphError, now: Date): void {
  const headers: Record<string, string> = { ...graphHeaders(http) };
  if (error.status === 401) {
    headers["WWW-Authenticate"] =
      'Bearer realm="", client_id="00000003-0000-0000-c000-000000000000", error="invalid_token"';
  }
  sendJson(
    http,
    error.status,
    {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: now.toISOString().slice(0, 19),
          "request-id": http.traceId,
          "client-request-id": http.correlationId,
        },
      },
    },
    headers,
  );
}
