// Sending one case through the endpoint's real route handler and checking the answer: no 5xx or
// redirect; the body is valid UTF-8 and JSON (empty for 204, CSV for exports); errors are problem
// documents whose status is the HTTP status; successes have the declared status and parse with
// the declared response schema. A 2xx answer is acknowledged in the model, harvested for ids, and
// kept as a seed for later requests.
import assert from "node:assert/strict";
import type { z } from "zod";
import { CORRELATION_HEADER } from "@/lib/correlation";
import type { EndpointSpec } from "../../contract/define";
import { API, type OperationId } from "../../contract/endpoints";
import { ProblemSchema } from "../../contract/schemas";
import { PROBLEM_CONTENT_TYPE } from "../../problem";
import { callRoute, type RouteCall } from "../harness";
import { isSignedIn, tokenOf } from "./callers";
import type { Case } from "./case";
import { remember } from "./harvest";
import { logsOf } from "./log";
import { acknowledge } from "./model";
import { keepSeed } from "./requests";
import { type Rendered, render } from "./schema";

/** Operation id → HTTP status → how many answers, setup and read-back included. */
const statuses = new Map<OperationId, Map<number, number>>();
const outputs = new Map<OperationId, Rendered>();

/** The answers so far, by endpoint and status. */
export const answers = (): ReadonlyMap<OperationId, ReadonlyMap<number, number>> => statuses;
export const answered = (operationId: OperationId, status: number): number | undefined =>
  statuses.get(operationId)?.get(status);

function toRouteCall(c: Case): RouteCall {
  const headers = { ...c.headers };
  if (c.caller.who === "garbage") headers.authorization = c.caller.authorization;
  if (c.body.kind === "raw" && c.body.contentType !== "") headers["content-type"] = c.body.contentType;
  return {
    params: c.params,
    query: c.query,
    headers,
    token: isSignedIn(c.caller) ? tokenOf(c.caller.who) : null,
    ...(c.body.kind === "json" ? { body: c.body.value } : c.body.kind === "raw" ? { rawBody: c.body.text } : {}),
  };
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Calls the endpoint with a case and checks the answer; returns its body (parsed JSON, or CSV text). */
export async function send(operationId: OperationId, c: Case): Promise<unknown> {
  const spec: EndpointSpec = API[operationId];
  const response = await callRoute(operationId, toRouteCall(c));
  const { status } = response;
  const type = response.headers.get("content-type") ?? "";
  const byStatus = statuses.get(operationId) ?? new Map<number, number>();
  byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  statuses.set(operationId, byStatus);

  let text = "";
  const bytes = new Uint8Array(await response.arrayBuffer());
  const say = (what: string) => {
    const logs = logsOf(response.headers.get(CORRELATION_HEADER) ?? "");
    return `${what}: ${spec.method} ${spec.path} answered ${status} ${text.slice(0, 500)}\n${logs.join("\n")}`;
  };
  try {
    text = utf8.decode(bytes);
  } catch {
    assert.fail(say("the body is not UTF-8"));
  }
  assert.ok(status < 500, say("a server error"));
  assert.ok(status < 300 || status >= 400, say("a redirect"));
  assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), prototypeKeys, say("Object.prototype changed"));
  if (status === 204) {
    assert.equal(spec.response.status, 204, say("an empty answer where content was declared"));
    assert.equal(text, "", say("a 204 with a body"));
    acknowledge(operationId, c, undefined);
    return undefined;
  }
  if (status < 300 && spec.response.kind === "csv") {
    assert.equal(type, "text/csv; charset=utf-8", say("CSV with another content type"));
    assert.ok(text.startsWith("\ufeff"), say("CSV without its BOM"));
    return text;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    assert.fail(say("the body is not JSON"));
  }
  if (status >= 400) {
    assert.equal(type, PROBLEM_CONTENT_TYPE, say("an error that is not a problem document"));
    const problem = ProblemSchema.safeParse(body);
    assert.ok(problem.success, say(`not a problem document (${problem.error?.message})`));
    assert.equal(problem.data.status, status, say("a problem whose status is not the HTTP status"));
    return body;
  }
  assert.equal(status, spec.response.status, say("not the declared success status"));
  assert.equal(spec.response.kind, "json");
  if (spec.response.kind !== "json") return body;
  const parsed = spec.response.schema.safeParse(body);
  assert.ok(parsed.success, say(`not the declared response (${parsed.error?.message})`));
  acknowledge(operationId, c, parsed.data);
  const rendered = outputs.get(operationId) ?? render(spec.response.schema, "output");
  outputs.set(operationId, rendered);
  remember(rendered, parsed.data, c.params);
  keepSeed(operationId, c);
  return parsed.data;
}

/** Sends a call that must be answered with the declared success, and parses the answer. */
export async function ok<S extends z.ZodType>(operationId: OperationId, c: Case, schema: S): Promise<z.output<S>> {
  const { status } = API[operationId].response;
  const before = statuses.get(operationId)?.get(status) ?? 0;
  const body = await send(operationId, c);
  assert.equal(statuses.get(operationId)?.get(status), before + 1, `${operationId} ${JSON.stringify(c.params)}`);
  return schema.parse(body);
}
