import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { PageQuerySchema } from "@/lib/surveys/schemas";
import { rejection } from "../testing/rejection";
import { MalformedRequestError } from "./errors";
import { MAX_BODY_BYTES, parseBody, parseQuery, queryInput } from "./input";

const json = (body: string, type = "application/json") =>
  new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": type } });

describe("query strings", () => {
  const schema = z.strictObject({
    limit: z.int().optional(),
    flag: z.boolean().optional(),
    tags: z.array(z.string()).optional(),
    q: z.string().optional(),
  });

  test("each value becomes its field's type", () => {
    const params = new URLSearchParams("limit=20&flag=true&tags=a&tags=b&q=7");
    assert.deepEqual(queryInput(schema, params), { limit: 20, flag: true, tags: ["a", "b"], q: "7" });
    assert.deepEqual(parseQuery(PageQuerySchema, new URLSearchParams("limit=5")), { limit: 5 });
  });

  test("a value that is not of its type, or an unknown key, is a 400 with field errors", () => {
    const error = (() => {
      try {
        parseQuery(PageQuerySchema, new URLSearchParams("limit=ten&extra=1"));
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof MalformedRequestError);
    assert.equal(error.status, 400);
    assert.ok(error.fields.limit);
    assert.deepEqual(error.fields.extra, ["This field cannot be set here."]);
  });
});

describe("JSON bodies", () => {
  const schema = z.strictObject({ title: z.string().trim().min(1, "Enter a title.") });

  test("parsed with the schema: its output, or a 422 ValidationError with field errors", async () => {
    assert.deepEqual(await parseBody(schema, json('{"title":"  Hi "}')), { title: "Hi" });
    const invalid = await rejection(parseBody(schema, json('{"title":" "}')), ValidationError);
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.fields, { title: ["Enter a title."] });
  });

  test("not JSON: 400; another media type: 415; too large: 413", async () => {
    assert.equal((await rejection(parseBody(schema, json("{")), MalformedRequestError)).status, 400);
    assert.equal((await rejection(parseBody(schema, json("{}", "text/plain")), MalformedRequestError)).status, 415);
    const large = JSON.stringify({ title: "x".repeat(MAX_BODY_BYTES) });
    assert.equal((await rejection(parseBody(schema, json(large)), MalformedRequestError)).status, 413);
    assert.ok(await parseBody(z.object({ a: z.int() }), json('{"a":1}', "application/merge-patch+json")));
  });
});
