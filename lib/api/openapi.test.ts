import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { paramNamesOf } from "./contract/define";
import { API } from "./contract/endpoints";
import { buildOpenApiDocument } from "./openapi";

interface Operation {
  operationId: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  security: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>>; securitySchemes: Record<string, unknown> };
}

const document = buildOpenApiDocument() as unknown as Document;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })),
);

function* refsIn(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* refsIn(item);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") yield inner;
      else yield* refsIn(inner);
    }
  }
}

describe("the OpenAPI document", () => {
  test("is OpenAPI 3.1 with the required top-level members", () => {
    assert.equal(document.openapi, "3.1.0");
    assert.equal(typeof document.info.title, "string");
    assert.equal(typeof document.info.version, "string");
    assert.deepEqual(document.servers, [{ url: "/api/v1" }]);
    assert.ok(Object.keys(document.paths).every((path) => path.startsWith("/")));
  });

  test("lists every declared endpoint once, under its method and path, operationId = its name", () => {
    assert.equal(operations.length, Object.keys(API).length);
    for (const [operationId, spec] of Object.entries(API)) {
      const op = document.paths[spec.path]?.[spec.method.toLowerCase()];
      assert.equal(op?.operationId, operationId, `${spec.method} ${spec.path}`);
    }
  });

  test("every path template parameter is a required path parameter; no stray ones", () => {
    for (const { path, op } of operations) {
      const declared = (op.parameters ?? []).filter((p) => p.in === "path");
      assert.deepEqual(
        declared.map((p) => p.name),
        paramNamesOf(path),
        path,
      );
      assert.ok(declared.every((p) => p.required));
    }
  });

  test("every operation has a success response with content (or 204) and problem responses", () => {
    for (const { path, method, op } of operations) {
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => s.startsWith("2"));
      assert.equal(success.length, 1, `${method} ${path}`);
      const [status] = success;
      if (status !== "204") assert.ok(op.responses[status ?? ""]?.content, `${method} ${path} has content`);
      for (const error of statuses.filter((s) => !s.startsWith("2"))) {
        assert.ok(op.responses[error]?.content?.["application/problem+json"], `${method} ${path} ${error}`);
      }
      assert.ok(document.tags.some((t) => t.name === op.tags[0]));
      for (const requirement of op.security) {
        for (const scheme of Object.keys(requirement)) assert.ok(document.components.securitySchemes[scheme]);
      }
    }
  });

  test("every $ref resolves to a component; no $defs or nested $schema are left", () => {
    const refs = [...refsIn(document)];
    assert.ok(refs.length > 20);
    for (const ref of refs) {
      assert.match(ref, /^#\/components\/schemas\/\w+$/);
      assert.ok(document.components.schemas[ref.split("/").at(-1) ?? ""], ref);
    }
    const text = JSON.stringify(document.components);
    assert.ok(!text.includes('"$defs"') && !text.includes('"$schema"'));
  });

  test("bodies are the domain's input schemas, responses its output schemas", () => {
    const create = document.paths["/surveys"]?.post;
    assert.deepEqual(create?.requestBody?.content["application/json"]?.schema, {
      $ref: "#/components/schemas/CreateSurveyInput",
    });
    assert.equal(
      document.components.schemas.CreateSurveyInput?.additionalProperties,
      false,
      "strict: unknown keys refused",
    );
    assert.deepEqual(create?.responses["201"]?.content?.["application/json"]?.schema, {
      $ref: "#/components/schemas/Survey",
    });
    const update = document.components.schemas.UpdateSurveyInput as { properties: Record<string, unknown> };
    assert.ok(!("status" in update.properties), "publishing is not an update");
    const csv = document.paths["/surveys/{surveyId}/responses/export"]?.get;
    assert.ok(csv?.responses["200"]?.content?.["text/csv"]);
  });

  test("query parameters come from the query schemas, typed", () => {
    const list = document.paths["/surveys/{surveyId}/responses"]?.get?.parameters ?? [];
    assert.deepEqual(
      list.filter((p) => p.in === "query").map((p) => [p.name, p.required, p.schema.type]),
      [
        ["cursor", false, "string"],
        ["limit", false, "integer"],
      ],
    );
    const people = document.paths["/people"]?.get?.parameters ?? [];
    assert.deepEqual(
      people.map((p) => [p.name, p.required]),
      [
        ["q", true],
        ["top", false],
      ],
    );
  });

  test("security: required, optional (anonymous respondents) and public operations", () => {
    assert.deepEqual(document.paths["/surveys"]?.get?.security, [{ entra: [] }]);
    assert.deepEqual(document.paths["/forms/{tenantId}/{surveyId}/responses"]?.post?.security, [{}, { entra: [] }]);
    assert.deepEqual(document.paths["/openapi.json"]?.get?.security, []);
    assert.deepEqual(document.components.securitySchemes.entra, {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description:
        "An Entra ID access token for the Survey API: delegated with the Surveys.ReadWrite scope, or app-only with the Surveys.ReadWrite.All application permission.",
    });
  });

  test("a schema id that renders differently as input and output is an error, not an overwrite", () => {
    const shared = z.object({ at: z.string().default("now") }).meta({ id: "ConflictingShape" });
    const endpoints = {
      conflicting: {
        method: "POST",
        path: "/conflict",
        summary: "s",
        tag: "Meta",
        auth: "none",
        body: shared,
        response: { kind: "json", status: 200, schema: shared, description: "d" },
      },
    } as const;
    assert.throws(() => buildOpenApiDocument({ endpoints }), /ConflictingShape renders differently/);
  });
});
