// The OpenAPI 3.1 document, generated from the endpoint declarations and their zod schemas
// (z.toJSONSchema, JSON Schema 2020-12: OpenAPI 3.1's own dialect). Schemas with a meta id
// become components; request bodies are rendered as input types, responses as output types, and
// an id that would render differently in the two directions is an error, not a silent overwrite.

import type { IdentityConfig } from "@/lib/env";
import { z } from "@/lib/zod";
import { API_PREFIX, type EndpointSpec, paramNamesOf } from "./contract/define";
import { API } from "./contract/endpoints";
import { ProblemSchema } from "./contract/schemas";
import { PROBLEM_CONTENT_TYPE } from "./problem";

type JsonSchema = Record<string, unknown>;
type Io = "input" | "output";

const COMPONENT = "#/components/schemas/";

class Components {
  readonly schemas: Record<string, JsonSchema> = {};

  /** The schema as a reference (or inline), its $defs hoisted into components. */
  add(schema: z.ZodType, io: Io): JsonSchema {
    const {
      $schema: _dialect,
      $defs,
      ...root
    } = z.toJSONSchema(schema, {
      io,
      target: "draft-2020-12",
      unrepresentable: "throw",
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, definition] of Object.entries($defs ?? {})) this.put(id, rewriteRefs(definition) as JsonSchema);
    return rewriteRefs(root) as JsonSchema;
  }

  private put(id: string, definition: JsonSchema): void {
    const existing = this.schemas[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) {
      throw new Error(`schema ${id} renders differently as input and as output; give one of them another id`);
    }
    this.schemas[id] = definition;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string" ? inner.replace(/^#\/\$defs\//, COMPONENT) : rewriteRefs(inner),
    ]),
  );
}

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `${COMPONENT}Problem` } } },
});

function errorResponses(spec: EndpointSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  if (spec.query || spec.body)
    responses["400"] = problem("The request is malformed (not JSON, or a bad query string).");
  if (spec.auth !== "none") {
    responses["401"] = problem(
      "No valid access token (missing, expired, forged, another audience) or the organization is not (or no longer) signed up. WWW-Authenticate carries the Bearer challenge.",
    );
    responses["403"] = problem(
      "Not allowed: the token lacks the scope or role, the caller's role does not permit it, or Microsoft Graph needs consent (WWW-Authenticate: insufficient_scope / insufficient_claims).",
    );
  }
  if (spec.path.includes("{")) responses["404"] = problem("Not found, including resources of other organizations.");
  if (spec.method !== "GET") responses["409"] = problem("The survey's state does not allow it.");
  if (spec.body) responses["422"] = problem("The input is not valid; `errors` has messages per field.");
  responses["503"] = problem("A dependency (identity provider, Graph, database) is not reachable; retry later.");
  return responses;
}

function successResponse(spec: EndpointSpec, components: Components): Record<string, unknown> {
  const { response } = spec;
  if (response.kind === "empty") return { "204": { description: response.description } };
  if (response.kind === "csv") {
    return {
      "200": {
        description: response.description,
        content: { "text/csv": { schema: { type: "string" } } },
      },
    };
  }
  return {
    [String(response.status)]: {
      description: response.description,
      content: { "application/json": { schema: components.add(response.schema, "output") } },
    },
  };
}

function queryParameters(spec: EndpointSpec, components: Components): unknown[] {
  if (!spec.query) return [];
  const rendered = components.add(spec.query, "input");
  const object = (
    typeof rendered.$ref === "string" ? components.schemas[rendered.$ref.slice(COMPONENT.length)] : rendered
  ) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: object.required?.includes(name) ?? false,
    schema,
    ...(typeof schema.description === "string" ? { description: schema.description } : {}),
  }));
}

const SECURITY = { required: [{ entra: [] }], optional: [{}, { entra: [] }], none: [] } as const;

function operation(operationId: string, spec: EndpointSpec, components: Components): Record<string, unknown> {
  const parameters = [
    ...paramNamesOf(spec.path).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
    ...queryParameters(spec, components),
  ];
  return {
    operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: components.add(spec.body, "input") } },
          },
        }
      : {}),
    responses: { ...successResponse(spec, components), ...errorResponses(spec) },
    security: SECURITY[spec.auth],
  };
}

function securitySchemes(identity: Pick<IdentityConfig, "instance" | "api"> | undefined): Record<string, unknown> {
  const description =
    "An Entra ID access token for the Survey API: delegated with the Surveys.ReadWrite scope, or app-only with the Surveys.ReadWrite.All application permission.";
  if (!identity) return { entra: { type: "http", scheme: "bearer", bearerFormat: "JWT", description } };
  const authority = `${identity.instance}/organizations/oauth2/v2.0`;
  return {
    entra: {
      type: "oauth2",
      description,
      flows: {
        authorizationCode: {
          authorizationUrl: `${authority}/authorize`,
          tokenUrl: `${authority}/token`,
          scopes: { [identity.api.scope]: "Read and write surveys as the signed-in person" },
        },
        clientCredentials: {
          tokenUrl: `${authority}/token`,
          scopes: { [`${identity.api.appIdUri}/.default`]: "The application permissions granted to the caller" },
        },
      },
    },
  };
}

export interface OpenApiOptions {
  /** For the OAuth 2 flows' URLs and scope; without it the document names a plain bearer scheme. */
  identity?: Pick<IdentityConfig, "instance" | "api">;
  endpoints?: Record<string, EndpointSpec>;
}

export function buildOpenApiDocument(options: OpenApiOptions = {}): Record<string, unknown> {
  const endpoints = options.endpoints ?? API;
  const components = new Components();
  components.add(ProblemSchema, "output");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, spec] of Object.entries(endpoints)) {
    const item = paths[spec.path] ?? {};
    paths[spec.path] = item;
    item[spec.method.toLowerCase()] = operation(operationId, spec, components);
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Survey API",
      version: "1.0.0",
      description:
        "The resource server of Surveys: surveys, questions, contributors, invitations, responses and results of the caller's organization. Errors are RFC 9457 problem details; every answer echoes x-correlation-id.",
    },
    servers: [{ url: API_PREFIX }],
    tags: [...new Set(Object.values(endpoints).map((spec) => spec.tag))].map((name) => ({ name })),
    paths,
    components: { schemas: components.schemas, securitySchemes: securitySchemes(options.identity) },
  };
}
