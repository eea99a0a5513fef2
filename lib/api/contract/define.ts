// The Survey API's contract, as data: each endpoint is declared once (method, path, auth, input
// and output schemas). The route handlers (lib/api/handlers), the OpenAPI document
// (lib/api/openapi.ts) and the typed client of the web app (lib/api-client) are all derived from
// these declarations, so the three cannot drift apart. Pure: no server code, no handlers.
import type { z } from "zod";

export const API_PREFIX = "/api/v1";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * required: a valid bearer token (delegated with the API scope, or app-only with the app role).
 * optional: no token (an anonymous respondent) or a valid one; an invalid token is still a 401.
 * none: public (the OpenAPI document).
 */
export type AuthMode = "required" | "optional" | "none";

export type Tag =
  | "Surveys"
  | "Questions"
  | "Contributors"
  | "Invitations"
  | "Responses"
  | "Respondents"
  | "People"
  | "Meta";

export interface JsonResponse<S extends z.ZodType = z.ZodType> {
  kind: "json";
  status: 200 | 201;
  schema: S;
  description: string;
}
export interface EmptyResponse {
  kind: "empty";
  status: 204;
  description: string;
}
export interface CsvResponse {
  kind: "csv";
  status: 200;
  description: string;
}
export type ResponseSpec = JsonResponse | EmptyResponse | CsvResponse;

export interface EndpointSpec {
  method: HttpMethod;
  /** Relative to API_PREFIX, OpenAPI-style: `/surveys/{surveyId}`. */
  path: `/${string}`;
  summary: string;
  description?: string;
  tag: Tag;
  auth: AuthMode;
  /** A flat object; values arrive as strings and are coerced to the field's type (see server/input.ts). */
  query?: z.ZodObject;
  body?: z.ZodType;
  response: ResponseSpec;
}

/** Keeps the literal types of a declaration (method, path, auth, schemas) for the derived types. */
export function endpoint<const E extends EndpointSpec>(spec: E): E {
  return spec;
}

type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

export type PathParams<E extends EndpointSpec> = { [K in ParamNames<E["path"]>]: string };

export type QueryOf<E extends EndpointSpec> = E extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;
export type BodyOf<E extends EndpointSpec> = E extends { body: infer B extends z.ZodType } ? z.output<B> : undefined;

/** A CSV body as handlers produce it: text chunks, streamed as they come. */
export interface CsvBody {
  filename: string;
  chunks: AsyncIterable<string>;
}

/** What a handler returns: the response schema's input (it is parsed before it is sent). */
export type HandlerResult<E extends EndpointSpec> =
  E["response"] extends JsonResponse<infer S> ? z.input<S> : E["response"] extends CsvResponse ? CsvBody : undefined;

/** A CSV download as the client hands it on (e.g. as the body of a download route). */
export interface CsvDownload {
  filename: string;
  body: ReadableStream<Uint8Array>;
}

/** What a client call resolves to: the response schema's output. */
export type ClientResult<E extends EndpointSpec> =
  E["response"] extends JsonResponse<infer S>
    ? z.output<S>
    : E["response"] extends CsvResponse
      ? CsvDownload
      : undefined;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ParamsInput<E extends EndpointSpec> = [ParamNames<E["path"]>] extends [never] ? object : { params: PathParams<E> };
type QueryInput<E extends EndpointSpec> = E extends { query: infer Q extends z.ZodType }
  ? { query?: z.input<Q> }
  : object;
type BodyInput<E extends EndpointSpec> = E extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : object;

/** What a client call takes: path params, query and body, each only where the endpoint has them. */
export type ClientInput<E extends EndpointSpec> = Simplify<ParamsInput<E> & QueryInput<E> & BodyInput<E>>;

/** The input argument is optional where nothing in it is required. */
export type ClientArgs<E extends EndpointSpec> =
  object extends ClientInput<E> ? [input?: ClientInput<E>] : [input: ClientInput<E>];

const PARAM = /\{(\w+)\}/g;

export function paramNamesOf(path: string): string[] {
  return [...path.matchAll(PARAM)].map((match) => match[1] ?? "");
}

/** `/surveys/{surveyId}` with `{ surveyId: "…" }` → `/api/v1/surveys/%E2%80%A6`. */
export function pathFor(spec: Pick<EndpointSpec, "path">, params: Record<string, string> = {}): string {
  return `${API_PREFIX}${spec.path.replace(PARAM, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${spec.path}`);
    return encodeURIComponent(value);
  })}`;
}
