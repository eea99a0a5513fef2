// Property-based fuzzing of every Survey API endpoint through its real route handler, with
// emulator tokens and the real database. Requests are generated from each endpoint's own zod
// schemas (rendered as JSON Schema, as in the OpenAPI document), not written per endpoint: values
// that fit them, so handlers run deep (surveys, questions, submissions, invitations…); values that
// break them (wrong types, missing and extra keys, __proto__, huge, NUL and lone-surrogate strings,
// deep nesting, odd numbers); malformed raw bodies; path ids of real objects (harvested from
// earlier answers), random ones and garbage; callers signed in to Contoso or Fabrikam, anonymous,
// or with a garbage token. Per call it proves: no 5xx; the body is valid UTF-8 and JSON (empty for
// 204, CSV for exports); errors are problem documents whose status is the HTTP status; successes
// have the declared status and parse with the declared response schema. Afterwards, everything
// stored for the two tenants, read back through the API, parses with the output schemas and is
// exactly what the 2xx answers acknowledged: surveys, questions, responses (replays counted once,
// answers still valid for their questions), invitations, contributors.
// FUZZ_SEED=<n> reproduces a run (fast-check prints the seed of a failure); FUZZ_RUNS=<n> sets the
// cases per endpoint.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { z } from "zod";
import { CORRELATION_HEADER } from "@/lib/correlation";
import { db, disconnectDb } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { validateAnswers } from "@/lib/surveys/answers";
import {
  isChoiceType,
  QUESTION_TYPES,
  type QuestionDto,
  QuestionSchema,
  type ResponseDto,
  ResponsesPageSchema,
  type SurveyDto,
  SurveyResultsSchema,
  SurveySchema,
} from "@/lib/surveys/schemas";
import { claimsOf, registerSeededTenant } from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { type EndpointSpec, paramNamesOf } from "./contract/define";
import { API, type OperationId } from "./contract/endpoints";
import { ContributorListSchema, InvitationListSchema, ProblemSchema, SurveyListSchema } from "./contract/schemas";
import { PROBLEM_CONTENT_TYPE } from "./problem";
import { apiTokenFor, callRoute, type RouteCall } from "./testing/harness";

/** Test knobs from the environment (the app reads its own through lib/env.ts). */
function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}

const SEED = envInt("FUZZ_SEED", 20_260_501);
/** Cases per endpoint: 60 × 28 endpoints = 1,680 a run by default. */
const RUNS = envInt("FUZZ_RUNS", 60);
let fuzzed = 0;

// The endpoints in the order they are fuzzed: creating before editing, answering after publishing,
// deleting last, so each one finds real objects in every state to work on. Every endpoint is
// listed once (the first test checks), so a new endpoint cannot go unfuzzed.
const ORDER: OperationId[] = [
  "getOpenApiDocument",
  "searchPeople",
  "createSurvey",
  "listSurveys",
  "getSurvey",
  "updateSurvey",
  "reorderQuestions",
  "addQuestion",
  "updateQuestion",
  "duplicateQuestion",
  "createInvitation",
  "listInvitations",
  "acceptInvitation",
  "listContributors",
  "publishSurvey",
  "getForm",
  "submitResponse",
  "listResponses",
  "listTextAnswers",
  "getResults",
  "exportResponses",
  "removeContributor",
  "revokeInvitation",
  "closeSurvey",
  "reopenSurvey",
  "unpublishSurvey",
  "deleteQuestion",
  "deleteSurvey",
];

// ── The handlers' log: kept only for warnings and errors, to explain a failing case ─────────────

const logged = new Map<string, string[]>();
(globalThis as unknown as { surveysLogger: unknown }).surveysLogger = createLogger("warn", {
  write: (line: string) => {
    const { correlationId = "-" } = JSON.parse(line) as { correlationId?: string };
    logged.set(correlationId, [...(logged.get(correlationId) ?? []), line]);
  },
});

// ── Callers ──────────────────────────────────────────────────────────────────────────────────────

type Who = "contoso" | "fabrikam";
const tokens: Record<Who, string> = { contoso: "", fabrikam: "" };
const me: Record<Who, { tenantId: string; userId: string; email: string }> = {
  contoso: { tenantId: SEEDED.contoso, userId: "", email: "" },
  fabrikam: { tenantId: SEEDED.fabrikam, userId: "", email: "" },
};

type Caller = { who: Who | "anonymous" } | { who: "garbage"; authorization: string };
type Body = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "raw"; text: string; contentType: string };
interface Case {
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Body;
  headers: Record<string, string>;
}

// fast-check leans towards the first of a list and small numbers (to find small counterexamples);
// here every option, slot and earlier answer should be as likely as the next.
const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.noBias(fc.constantFrom(...values));
const anyNat = fc.noBias(fc.nat());

// ── What 2xx answers handed out: ids, tokens, cursors, addresses, to aim later requests at ─────

/** Strings by the name they carry; an `id` is named by the kind of object (`surveyId`, `optionId`). */
type Found = Map<string, string[]>;
const everything: Found = new Map();
/** One Found per 2xx answer, so a request can take related values (a survey and its questions). */
const contexts: Found[] = [];
const IDENTIFIER = /(id|token|cursor|mail)$/i;

type Schema = { [key: string]: unknown };
interface Rendered {
  root: Schema;
  defs: Record<string, Schema>;
}

function render(schema: z.ZodType, io: "input" | "output"): Rendered {
  const { $defs, ...root } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Schema;
  return { root, defs: ($defs ?? {}) as Record<string, Schema> };
}

const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null;
const schemas = (s: Schema, key: string): Schema[] => (Array.isArray(s[key]) ? (s[key] as Schema[]) : []);
const numberOf = (s: Schema, key: string): number | undefined => (typeof s[key] === "number" ? s[key] : undefined);
const singular = (key: string) => key.replace(/s$/, "");
/** `SurveySummary`, `PublicSurvey`, `SurveyInput` → `survey`. */
function kindOf(definition: string): string {
  const kind = definition.replace(/^Public/, "").replace(/(Summary|Input|Patch)$/, "");
  return kind.charAt(0).toLowerCase() + kind.slice(1);
}
const nameOf = (key: string, kind: string | undefined) => (key === "id" && kind ? `${kind}Id` : key);

/** Follows $refs; the last definition passed names the kind of object inside. */
function deref(schema: Schema, defs: Record<string, Schema>, kind: string | undefined): [Schema, string | undefined] {
  let current = schema;
  let currentKind = kind;
  while (typeof current.$ref === "string") {
    const definition = current.$ref.split("/").at(-1) ?? "";
    currentKind = kindOf(definition);
    current = defs[definition] ?? {};
  }
  return [current, currentKind];
}

function file(found: Found, name: string, value: string): void {
  const values = found.get(name) ?? [];
  if (!values.includes(value) && values.length < 500) values.push(value);
  found.set(name, values);
}

function harvest(value: unknown, schema: Schema, r: Rendered, found: Found, key = "", kind?: string): void {
  const [s, k] = deref(schema, r.defs, kind);
  const branches = [...schemas(s, "anyOf"), ...schemas(s, "oneOf")];
  if (branches.length > 0) {
    // The branches that name every key of the value: a plain question's branch has no options.
    const names = (branch: Schema) => Object.keys(deref(branch, r.defs, k)[0].properties ?? {});
    const keys = isObject(value) && !Array.isArray(value) ? Object.keys(value) : [];
    const fitting = branches.filter((branch) => keys.every((name) => names(branch).includes(name)));
    for (const branch of fitting.length > 0 ? fitting : branches) harvest(value, branch, r, found, key, k);
  } else if (typeof value === "string") {
    const name = nameOf(key, k);
    if (IDENTIFIER.test(name) && value.length <= 200) file(found, name, value);
  } else if (Array.isArray(value)) {
    for (const item of value) harvest(item, isObject(s.items) ? s.items : {}, r, found, singular(key), k);
  } else if (isObject(value)) {
    const properties = isObject(s.properties) ? s.properties : {};
    for (const [name, inner] of Object.entries(value)) {
      harvest(inner, isObject(properties[name]) ? properties[name] : {}, r, found, name, k);
    }
  }
}

/**
 * What a 2xx answer named, with the path ids it was asked for (a list of contributors names no
 * survey) where those were handed out before (getForm answers 200 for any path).
 */
function remember(rendered: Rendered, body: unknown, params: Record<string, string>): void {
  const found: Found = new Map();
  const handedOut = new Set([...everything.values()].flat());
  for (const [name, value] of Object.entries(params)) if (handedOut.has(value)) file(found, name, value);
  harvest(body, rendered.root, rendered, found);
  if (found.size === 0) return;
  for (const [name, values] of found) for (const value of values) file(everything, name, value);
  contexts.push(found);
  // The setup's fixtures stay; of the rest, the newest.
  if (contexts.length > 400) contexts.splice(8, 1);
}

/** Values named like `name`: `tenantId` also takes `userTenantId`s, `cursor` takes `nextCursor`s. */
function valuesFor(found: Found, name: string): string[] {
  const wanted = name.toLowerCase();
  if (wanted === "") return [];
  return [...found]
    .filter(([key]) => key.toLowerCase().endsWith(wanted) || wanted.endsWith(key.toLowerCase()))
    .flatMap(([, values]) => values);
}

// ── Arbitraries from JSON Schema ────────────────────────────────────────────────────────────────

/** Per case: the answer whose values it leans on. */
interface Gen {
  r: Rendered;
  near: Found;
}

/** A value for `name` handed out before (by the same answer first), or a fresh one. */
function pooled(name: string, g: Gen, fresh: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const near = valuesFor(g.near, name);
  const far = valuesFor(everything, name);
  return fc.oneof(
    ...(near.length > 0 ? [{ weight: 6, arbitrary: pick(...near) }] : []),
    ...(far.length > 0 ? [{ weight: 2, arbitrary: pick(...far) }] : []),
    { weight: 1, arbitrary: fresh },
  );
}

/** Any identifier of the same answer (record keys: answers are keyed by question id). */
function anyNear(g: Gen, fresh: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const values = [...g.near.values()].flat();
  return values.length > 0 ? fc.oneof(pick(...values), fresh) : fresh;
}

/** A few fixed values per pattern, so keys repeat (idempotent replays of a submission key). */
const patterns = new Map<string, fc.Arbitrary<string> | null>();
function matching(pattern: string, fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
  if (!patterns.has(pattern)) {
    try {
      const generator = fc.stringMatching(new RegExp(pattern));
      patterns.set(pattern, fc.oneof(generator, pick(...fc.sample(generator, { numRuns: 3, seed: SEED }))));
    } catch {
      patterns.set(pattern, null); // a regex feature fast-check cannot generate from (lookaheads)
    }
  }
  return patterns.get(pattern) ?? fallback;
}

const DAY = 86_400_000;
const DATE_TIME_EDGES = [
  "0000-01-01T00:00:00Z",
  "0000-01-01T00:00:00+23:59",
  "0001-01-01T00:00:00Z",
  "1970-01-01T00:00:00.000Z",
  "2024-02-29T23:59:59.999999999-23:59",
  "9999-12-31T23:59:59.999Z",
  "9999-12-31T23:59:59-23:59",
];
const iso = (date: Date) => date.toISOString();
function stringArb(s: Schema, g: Gen, name: string): fc.Arbitrary<string> {
  const min = numberOf(s, "minLength") ?? 0;
  const max = numberOf(s, "maxLength") ?? 60;
  const pattern = typeof s.pattern === "string" ? s.pattern : undefined;
  const near = fc.date({
    min: new Date(Date.now() - 30 * DAY),
    max: new Date(Date.now() + 30 * DAY),
    noInvalidDate: true,
  });
  // Any string of the allowed length, NUL and lone surrogates included: JSON Schema allows them.
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, min + 20) }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, min + 8) }) },
    { weight: 1, arbitrary: fc.string({ unit: unsafeUnit, minLength: min, maxLength: Math.min(max, min + 8) }) },
    { weight: 1, arbitrary: pick(" ".repeat(max), "x".repeat(max), ` ${"y".repeat(max)} `) },
  );
  const fits = (value: string) =>
    value.length >= min && value.length <= max && (!pattern || new RegExp(pattern).test(value));
  let fresh: fc.Arbitrary<string>;
  if (s.format === "uuid") fresh = fc.uuid();
  else if (s.format === "email") fresh = fc.oneof(fc.emailAddress(), fc.stringMatching(/^[a-z]{1,8}@[a-z]{2,8}\.com$/));
  else if (s.format === "date-time") {
    // The ends of what the format allows: years 0000 and 9999, offsets that cross them.
    const edges = pick(...DATE_TIME_EDGES.filter(fits));
    fresh = fc.oneof(matching(pattern ?? ".*", near.map(iso)), near.map(iso), edges);
  } else if (s.format === "date") fresh = near.map((d) => iso(d).slice(0, 10));
  else if (pattern) fresh = fc.oneof(matching(pattern, fc.string()), text).filter(fits);
  else fresh = text;
  return name === "" ? anyNear(g, fresh) : pooled(name, g, fresh);
}

function numberArb(s: Schema): fc.Arbitrary<number> {
  const integer = s.type === "integer";
  const low = Math.max(numberOf(s, "minimum") ?? -(2 ** 31), -(2 ** 31));
  const high = Math.min(numberOf(s, "maximum") ?? 2 ** 31 - 1, 2 ** 31 - 1);
  const small = fc.integer({ min: Math.max(low, -2), max: Math.max(Math.min(high, 12), Math.max(low, -2)) });
  const wide = integer ? fc.integer({ min: low, max: high }) : fc.double({ min: low, max: high, noNaN: true });
  return fc.oneof({ weight: 3, arbitrary: small }, { weight: 2, arbitrary: wide }, pick(low, high));
}

/** A value the schema accepts (refinements aside: JSON Schema leaves cross-field rules out). */
function conforming(schema: Schema, g: Gen, name = "", kind?: string, depth = 0): fc.Arbitrary<unknown> {
  const [s, k] = deref(schema, g.r.defs, kind);
  if (depth > 8) return fc.constant(null);
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return pick(...(s.enum as unknown[]));
  const branches = [...schemas(s, "anyOf"), ...schemas(s, "oneOf")];
  if (branches.length > 0) return fc.oneof(...branches.map((b) => conforming(b, g, name, k, depth + 1)));
  switch (s.type) {
    case "string":
      return stringArb(s, g, name);
    case "integer":
    case "number":
      return numberArb(s);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = isObject(s.items) ? s.items : {};
      const min = numberOf(s, "minItems") ?? 0;
      const max = Math.min(numberOf(s, "maxItems") ?? 6, min + 6);
      const one = conforming(items, g, singular(name), k, depth + 1);
      const [item] = deref(items, g.r.defs, k);
      const near = item.type === "string" ? valuesFor(g.near, singular(name)) : [];
      // Every id of the same answer in some order: a reorder that names each question once.
      const permutations =
        near.length > 0
          ? [fc.shuffledSubarray(near, { minLength: near.length }), fc.shuffledSubarray(near, { minLength: min })]
          : [];
      return fc.oneof(fc.array(one, { minLength: min, maxLength: max }), ...permutations);
    }
    case "object": {
      const properties = Object.entries(isObject(s.properties) ? s.properties : {});
      if (properties.length > 0 || s.additionalProperties === false) {
        const model = Object.fromEntries(
          properties.map(([key, p]) => [key, conforming(p as Schema, g, nameOf(key, k), k, depth + 1)]),
        );
        const required = Array.isArray(s.required) ? (s.required as string[]) : [];
        return fc.record(model, { requiredKeys: required });
      }
      // A record: empty, keyed by the ids of one name from the same answer (answers keyed by
      // question id), or keyed by anything.
      const value = conforming(isObject(s.additionalProperties) ? s.additionalProperties : {}, g, "", k, depth + 1);
      const names = [...g.near.values()].filter((values) => values.length > 0);
      const keyed = names.map((values) => fc.dictionary(pick(...values), value, { maxKeys: 5 }));
      return fc.oneof(
        fc.constant({}),
        ...(keyed.length > 0 ? [{ weight: 3, arbitrary: fc.oneof(...keyed) }] : []),
        fc.dictionary(anyNear(g, fc.string({ maxLength: 10 })), value, { maxKeys: 5 }),
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ── Hostile input ───────────────────────────────────────────────────────────────────────────────

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00y",
  "\ufeff",
  "\u202e\u0301",
  "😀".repeat(120),
  "NaN",
  "-0",
  "1e308",
  "Infinity",
  "null",
  "true",
  "__proto__",
  "constructor",
  "%00",
  "%_\\",
  "' OR '1'='1' --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "\r\n\t",
];
const HOSTILE_NUMBERS = [1e308, -1e308, -0, -1, 0.5, 2 ** 31, 2 ** 53 + 2, 5e-324, Number.MAX_SAFE_INTEGER];
/** JSON.parse makes `__proto__` an own key, as it arrives from a client. */
const PROTO_OBJECT = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "status", "id", "tenantId", "ownerId", "", "toString"];

const nested = (depth: number): unknown => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

const unsafeUnit = fc.oneof(
  pick("\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "\u0007", "\u00a0"),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
);
const hostileString = fc.oneof(
  { weight: 4, arbitrary: pick(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: unsafeUnit, minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 20_000 }).map((n) => "é".repeat(n)) },
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: pick<unknown>(...HOSTILE_NUMBERS, true, false, null, [], {}, PROTO_OBJECT) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3_000 }).map(nested) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Mutation = "replace" | "drop" | "extra" | "wrap";

/** `value` with one slot broken: replaced by `bad`, removed, wrapped, or joined by an extra key. */
function mutate(value: unknown, at: number, how: Mutation, extraKey: string, bad: unknown): unknown {
  const holder = JSON.parse(JSON.stringify({ root: value })) as Schema;
  const slots: Array<[Schema | unknown[], string | number]> = [];
  const walk = (container: Schema | unknown[]) => {
    for (const [key, inner] of Object.entries(container)) {
      slots.push([container, Array.isArray(container) ? Number(key) : key]);
      if (isObject(inner)) walk(inner as Schema | unknown[]);
    }
  };
  walk(holder);
  const [container, key] = slots[at % slots.length] ?? [holder, "root"];
  const target = container as Record<string | number, unknown>;
  if (how === "replace") target[key] = bad;
  else if (how === "wrap") target[key] = [target[key]];
  else if (how === "drop" && Array.isArray(container)) container.splice(Number(key), 1);
  else if (how === "drop") delete target[key];
  else {
    const inner = target[key];
    const object = isObject(inner) && !Array.isArray(inner) ? inner : target;
    Object.defineProperty(object, extraKey, { value: bad, enumerable: true, configurable: true, writable: true });
  }
  return holder.root;
}

function violating(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: hostileValue },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          valid,
          anyNat,
          pick<Mutation>("replace", "replace", "drop", "extra", "wrap"),
          fc.oneof(pick(...EXTRA_KEYS), fc.string({ maxLength: 8 })),
          hostileValue,
        )
        .map(([value, at, how, key, bad]) => mutate(value, at, how, key, bad)),
    },
  );
}

const INVALID_JSON = ["{", "[", "{'a':1}", '{"a":}', "undefined", "NaN", "\ufeff{}", "{}x", "[1,]", '"open', "{}{}"];
const NUMBER_TOKENS = ["1e999", "-1e999", "-0", "1e-400", "123456789012345678901234567890", "0.1e1", "1E2"];
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/merge-patch+json",
  "APPLICATION/JSON",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonp",
  "",
];
const MARKER = "\u0001number\u0001";

function rawBodyArb(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  const text = fc.oneof(
    pick(...INVALID_JSON, ""),
    valid.chain((v) => {
      const json = JSON.stringify(v);
      return fc.nat({ max: Math.max(0, json.length - 1) }).map((n) => json.slice(0, n));
    }),
    // Number literals JSON allows but JavaScript rounds (1e999 → Infinity, -0, 1e-400 → 0).
    fc
      .tuple(valid, anyNat, pick(...NUMBER_TOKENS))
      .map(([v, at, token]) => JSON.stringify(mutate(v, at, "replace", "", MARKER)).replace(`"${MARKER}"`, token)),
    fc.integer({ min: 1_000, max: 100_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
    fc.constant(JSON.stringify({ padding: "x".repeat(300_000) })),
    valid.map((v) => JSON.stringify(v)),
  );
  return fc.record({ kind: fc.constant("raw" as const), text, contentType: pick(...CONTENT_TYPES) });
}

function bodyArb(spec: EndpointSpec, g: Gen): fc.Arbitrary<Body> {
  if (spec.method === "GET") return fc.constant({ kind: "none" });
  const valid = spec.body ? conforming(g.r.root, g) : fc.jsonValue({ maxDepth: 2 });
  const json = (value: fc.Arbitrary<unknown>) => value.map((v): Body => ({ kind: "json", value: v }));
  if (!spec.body) {
    return fc.oneof({ weight: 4, arbitrary: fc.constant<Body>({ kind: "none" }) }, rawBodyArb(valid), json(valid));
  }
  return fc.oneof(
    { weight: 6, arbitrary: json(valid) },
    { weight: 3, arbitrary: json(violating(valid)) },
    { weight: 2, arbitrary: rawBodyArb(valid) },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: "none" }) },
  );
}

const asQueryValue = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function queryArb(spec: EndpointSpec, g: Gen): fc.Arbitrary<Record<string, string>> {
  const rendered = spec.query && render(spec.query, "input");
  const known = Object.keys(spec.query?.shape ?? {});
  const valid = rendered
    ? conforming(rendered.root, { ...g, r: rendered }).map((q) =>
        Object.fromEntries(Object.entries(q as Schema).map(([k, v]) => [k, asQueryValue(v)])),
      )
    : fc.constant({});
  const noise = fc.dictionary(
    fc.oneof(pick(...known, ...EXTRA_KEYS), fc.string({ maxLength: 8 })),
    fc.oneof(hostileString, pick("NaN", "1e308", "-0", "", "0x10", "5.5", " 7", "Infinity", "-1", "101", "true", "[]")),
    { maxKeys: 3 },
  );
  const broken = fc.tuple(valid, noise).map(([fit, bad]) => ({ ...fit, ...bad }));
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: broken });
}

/** Path segments arrive percent-decoded; a lone surrogate cannot be percent-encoded at all. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udfff]/g, "\ufffd");

function paramArb(name: string, g: Gen): fc.Arbitrary<string> {
  const real = pooled(name, g, fc.uuid());
  const garbage = fc.oneof(
    hostileString.map(wellFormed),
    real.map((id) => id.toUpperCase()),
    real.map((id) => `${id} `),
    real.map((id) => id.slice(0, -1)),
    pick("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "order", ".."),
  );
  return fc.oneof(
    { weight: 7, arbitrary: real },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: garbage },
  );
}

const headerText = fc.string({ unit: "grapheme-ascii", maxLength: 70 });
/** Request headers the API reads besides the token, now and then. */
const headersArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  fc.record(
    {
      [CORRELATION_HEADER]: fc.oneof(headerText, fc.uuid()),
      "x-forwarded-for": fc.oneof(headerText, fc.ipV4(), fc.ipV6()),
      "x-client-key": headerText,
      "content-length": pick("abc", "-1", "0", "999999999"),
    },
    { requiredKeys: [] },
  ),
);

function callerArb(): fc.Arbitrary<Caller> {
  const flipped = anyNat.map((at) => {
    const token = tokens.contoso;
    const i = at % token.length;
    return `Bearer ${token.slice(0, i)}${token[i] === "A" ? "B" : "A"}${token.slice(i + 1)}`;
  });
  const authorization = fc.oneof(
    pick(
      "Bearer",
      "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
      "Bearer a.b.c",
      "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
      `Bearer ${"A".repeat(10_000)}`,
      `Bearer ${tokens.fabrikam.split(".").slice(0, 2).join(".")}.`,
    ),
    flipped,
    headerText.map((text) => `Bearer ${text}`),
  );
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant<Caller>({ who: "contoso" }) },
    { weight: 2, arbitrary: fc.constant<Caller>({ who: "fabrikam" }) },
    { weight: 2, arbitrary: fc.constant<Caller>({ who: "anonymous" }) },
    { weight: 1, arbitrary: authorization.map((value): Caller => ({ who: "garbage", authorization: value })) },
  );
}

/**
 * An earlier answer to lean on: one naming as many of the ids the request needs (its path
 * parameters, its body's identifiers) as any answer does, so they belong together.
 */
function contextFor(i: number, names: string[]): Found {
  const score = (found: Found) => names.filter((name) => valuesFor(found, name).length > 0).length;
  const best = Math.max(0, ...contexts.map(score));
  const candidates = contexts.filter((found) => score(found) === best);
  // Half the time one of the newest: older answers may be stale (a question added since).
  const at = i % 2 === 0 ? candidates.length - 1 - ((i >> 1) % 4) : i >> 1;
  return candidates[Math.max(0, at) % Math.max(candidates.length, 1)] ?? new Map();
}

/** Requests answered 2xx, per endpoint: replayed as they were or with one part changed. */
const seeds = new Map<OperationId, Case[]>();

function reseeded(known: Case[], fresh: fc.Arbitrary<Case>): fc.Arbitrary<Case> {
  const seed = pick(...known);
  const broken = fc.tuple(seed, anyNat, pick<Mutation>("replace", "drop", "extra"), hostileValue);
  return fc.oneof(
    seed, // a replay: idempotent, or refused now (already used, deleted, published…)
    fc.tuple(seed, fresh).map(([s, f]) => ({ ...s, caller: f.caller })),
    fc.tuple(seed, fresh, anyNat).map(([s, f, at]) => {
      const names = Object.keys(s.params);
      const name = names[at % Math.max(names.length, 1)];
      return name === undefined ? f : { ...s, params: { ...s.params, [name]: f.params[name] ?? "" } };
    }),
    broken.map(([s, at, how, bad]): Case => {
      if (s.body.kind !== "json") return s;
      return { ...s, body: { kind: "json", value: mutate(s.body.value, at, how, "__proto__", bad) } };
    }),
  );
}

function caseArb(operationId: OperationId): fc.Arbitrary<Case> {
  const spec: EndpointSpec = API[operationId];
  const rendered = spec.body ? render(spec.body, "input") : { root: {}, defs: {} };
  const [root, kind] = deref(rendered.root, rendered.defs, undefined);
  const bodyNames = Object.keys(isObject(root.properties) ? root.properties : {}).flatMap((key) => [
    nameOf(key, kind),
    singular(key), // questionIds: question ids
  ]);
  const names = [...paramNamesOf(spec.path), ...bodyNames.filter((name) => IDENTIFIER.test(name))];
  const caller = callerArb();
  return anyNat.chain((i) => {
    const g: Gen = { r: rendered, near: contextFor(i, names) };
    const params = Object.fromEntries(paramNamesOf(spec.path).map((name) => [name, paramArb(name, g)]));
    const fresh = fc.record({
      caller,
      params: fc.record(params),
      query: queryArb(spec, g),
      body: bodyArb(spec, g),
      headers: headersArb,
    });
    const known = seeds.get(operationId) ?? [];
    return known.length === 0 ? fresh : fc.oneof({ weight: 3, arbitrary: fresh }, reseeded(known, fresh));
  });
}

// ── Sending a case, checking the answer, and the model of what was acknowledged ────────────────

const statuses = new Map<OperationId, Map<number, number>>();
const outputs = new Map<OperationId, Rendered>();

interface Model {
  /** Survey id → the survey as last answered (without the caller-specific and moving parts). */
  surveys: Map<string, Omit<SurveyDto, "questions" | "access" | "updatedAt">>;
  /** Survey id → question id → the question as last answered. */
  questions: Map<string, Map<string, QuestionDto>>;
  /** Response id → survey id. */
  responses: Map<string, string>;
  /** Pending invitation id → survey id and address. */
  invitations: Map<string, { surveyId: string; email: string }>;
  /** Survey id → `${userTenantId}/${userId}` of its contributors. */
  contributors: Map<string, Set<string>>;
}
const model: Model = {
  surveys: new Map(),
  questions: new Map(),
  responses: new Map(),
  invitations: new Map(),
  contributors: new Map(),
};
const lower = (text: string | undefined) => (text ?? "").toLowerCase();

function toRouteCall(c: Case): RouteCall {
  const headers = { ...c.headers };
  if (c.caller.who === "garbage") headers.authorization = c.caller.authorization;
  if (c.body.kind === "raw" && c.body.contentType !== "") headers["content-type"] = c.body.contentType;
  return {
    params: c.params,
    query: c.query,
    headers,
    token: c.caller.who === "contoso" || c.caller.who === "fabrikam" ? tokens[c.caller.who] : null,
    ...(c.body.kind === "json" ? { body: c.body.value } : c.body.kind === "raw" ? { rawBody: c.body.text } : {}),
  };
}

function rememberSurvey(survey: SurveyDto, created: boolean): void {
  if (!created && !model.surveys.has(survey.id)) return; // not ours (another test's, or seeded)
  const { questions, access: _access, updatedAt: _updatedAt, ...rest } = survey;
  model.surveys.set(survey.id, rest);
  model.questions.set(survey.id, new Map(questions.map((q) => [q.id, q])));
}

function forgetSurvey(surveyId: string): void {
  model.surveys.delete(surveyId);
  model.questions.delete(surveyId);
  model.contributors.delete(surveyId);
  for (const [id, of] of model.responses) if (of === surveyId) model.responses.delete(id);
  for (const [id, invitation] of model.invitations) if (invitation.surveyId === surveyId) model.invitations.delete(id);
}

/** What a 2xx answer says is now stored. */
function acknowledge(operationId: OperationId, c: Case, body: unknown): void {
  const surveyId = lower(c.params.surveyId);
  const caller = c.caller.who === "contoso" || c.caller.who === "fabrikam" ? me[c.caller.who] : null;
  const schema = (API[operationId] as EndpointSpec).response;
  if (schema.kind === "json" && schema.schema === SurveySchema) {
    rememberSurvey(body as SurveyDto, operationId === "createSurvey");
  }
  const questions = model.questions.get(surveyId);
  switch (operationId) {
    case "addQuestion":
    case "updateQuestion":
    case "duplicateQuestion":
      questions?.set((body as QuestionDto).id, body as QuestionDto);
      break;
    case "reorderQuestions":
      if (questions)
        model.questions.set(surveyId, new Map((body as { items: QuestionDto[] }).items.map((q) => [q.id, q])));
      break;
    case "deleteQuestion":
      questions?.delete(lower(c.params.questionId));
      break;
    case "deleteSurvey":
      forgetSurvey(surveyId);
      break;
    case "submitResponse": {
      const { responseId, created } = body as { responseId: string; created: boolean };
      if (!model.surveys.has(surveyId)) break;
      if (created) {
        assert.ok(!model.responses.has(responseId), `a new response reuses the id ${responseId}`);
        model.responses.set(responseId, surveyId);
      } else {
        assert.equal(model.responses.get(responseId), surveyId, "a replay answers with a stored response");
      }
      break;
    }
    case "createInvitation": {
      const { invitation } = body as { invitation: { id: string; surveyId: string; email: string } };
      // A new invitation replaces a pending one for the same address.
      for (const [id, pending] of model.invitations) {
        if (pending.surveyId === invitation.surveyId && pending.email === invitation.email) {
          model.invitations.delete(id);
        }
      }
      model.invitations.set(invitation.id, { surveyId: invitation.surveyId, email: invitation.email });
      break;
    }
    case "revokeInvitation":
      model.invitations.delete(lower(c.params.invitationId));
      break;
    case "acceptInvitation": {
      const accepted = body as { surveyId: string };
      assert.ok(caller, "only a signed-in person accepts");
      for (const [id, pending] of model.invitations) {
        if (pending.surveyId === accepted.surveyId && pending.email === caller.email) model.invitations.delete(id);
      }
      const set = model.contributors.get(accepted.surveyId) ?? new Set();
      set.add(`${caller.tenantId}/${caller.userId}`);
      model.contributors.set(accepted.surveyId, set);
      break;
    }
    case "removeContributor":
      model.contributors.get(surveyId)?.delete(`${lower(c.params.userTenantId)}/${lower(c.params.userId)}`);
      break;
  }
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Calls the endpoint with a case and checks the answer; returns its body (parsed JSON, or CSV text). */
async function send(operationId: OperationId, c: Case): Promise<unknown> {
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
    const logs = logged.get(response.headers.get(CORRELATION_HEADER) ?? "") ?? [];
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
  const known = seeds.get(operationId) ?? [];
  if (known.length < 50) seeds.set(operationId, [...known, c]);
  return parsed.data;
}

/** A signed-in call with a well-formed JSON body, as the setup and the read-back make them. */
const plain = (who: Who, params: Record<string, string> = {}, extra: Partial<Case> = {}): Case => ({
  caller: { who },
  params,
  query: {},
  body: { kind: "none" },
  headers: {},
  ...extra,
});

async function ok<S extends z.ZodType>(operationId: OperationId, c: Case, schema: S): Promise<z.output<S>> {
  const { status } = API[operationId].response;
  const before = statuses.get(operationId)?.get(status) ?? 0;
  const body = await send(operationId, c);
  assert.equal(statuses.get(operationId)?.get(status), before + 1, `${operationId} ${JSON.stringify(c.params)}`);
  return schema.parse(body);
}

// Cases the fuzzer once found failing, run first on every run (fast-check `examples`).
// Some need the setup's open survey, so they are built when used.
function regressions(open: SurveyDto): Partial<Record<OperationId, Case[]>> {
  const as = (who: Who | "anonymous", extra: Partial<Case>): Case => ({
    ...plain("contoso", {}, extra),
    caller: { who },
  });
  const survey = (value: unknown) => as("contoso", json(value));
  const text = open.questions.find((q) => q.type === "SHORT_TEXT");
  return {
    // Query keys named like Object.prototype's members were looked up there (TypeError, 500).
    listSurveys: [
      as("contoso", {
        query: Object.fromEntries([
          ["toString", "x"],
          ["__proto__", "y"],
        ]),
      }),
    ],
    createSurvey: [
      // Field errors were collected in a plain object: a `constructor` key broke it (500).
      survey(JSON.parse('{"title":"x","constructor":1,"__proto__":{"polluted":true}}')),
      // NUL cannot be stored in PostgreSQL text; lone surrogates not in its JSON (options).
      survey({ title: "a\u0000b", description: "\u0000" }),
      survey({
        title: "x",
        questions: [{ type: "SINGLE_CHOICE", text: "q\u0000", options: [{ label: "\udbff" }, { label: "b" }] }],
      }),
      // Years beyond 9999 (UTC) were stored but could not be read back; year 0 was not stored.
      survey({ title: "x", settings: { opensAt: "9999-12-31T23:59:59-23:59" } }),
      survey({ title: "x", settings: { closesAt: "0000-01-01T00:00:00+01:00" } }),
    ],
    // `#`, `&` and `%` went into Graph's URL unencoded (a 400 from Graph, our 500).
    searchPeople: ["a#b", "x&$top=999", "100%"].map((q) => as("contoso", { query: { q } })),
    submitResponse: [
      as("anonymous", {
        params: { tenantId: open.tenantId, surveyId: open.id },
        ...json({ submissionKey: "fuzz-regression-surrogate", answers: { [text?.id ?? ""]: "half \ud83d an emoji" } }),
      }),
    ],
    listTextAnswers: [
      as("contoso", { params: { surveyId: open.id, questionId: text?.id ?? "" }, query: { search: "a\u0000" } }),
    ],
    // A hand-made cursor of year 0 or -100000 reached the database's comparison (500).
    listResponses: ["0000-01-01T00:00:00.000Z", "-100000-01-01T00:00:00.000Z"].map((at) =>
      as("contoso", {
        params: { surveyId: open.id },
        query: { cursor: Buffer.from(`${at}|${open.id}`).toString("base64url") },
      }),
    ),
  };
}
let fixtures: { open: SurveyDto } | undefined;

// ── Setup, the fuzzing, and the read-back ───────────────────────────────────────────────────────

const TENANTS = [SEEDED.contoso, SEEDED.fabrikam];
let undo: Array<() => Promise<void>> = [];
let preexisting: string[] = [];

const json = (value: unknown): Partial<Case> => ({ body: { kind: "json", value } });
const optionIds = (q: QuestionDto) => ("options" in q ? q.options.map((o) => o.id) : []);
const VALID_ANSWERS: Record<QuestionDto["type"], (q: QuestionDto) => unknown> = {
  SHORT_TEXT: () => "  Ada\u0000 ",
  LONG_TEXT: () => "Thai, then pizza.",
  SINGLE_CHOICE: (q) => optionIds(q)[0],
  MULTIPLE_CHOICE: (q) => optionIds(q).reverse(),
  RATING: () => 4,
  NPS: () => 9,
  YES_NO: () => true,
  DATE: () => "2026-02-28",
};

/** Every question type, none required: an empty submission is a valid one. */
const ALL_TYPES = QUESTION_TYPES.map((type) => ({
  type,
  text: `${type} question`,
  ...(isChoiceType(type) ? { options: [{ label: "Red" }, { label: "Green" }, { label: "Blue" }] } : {}),
}));

before(async () => {
  undo = [
    await registerSeededTenant(db(), SEEDED.contoso, "Contoso"),
    await registerSeededTenant(db(), SEEDED.fabrikam, "Fabrikam"),
  ];
  tokens.contoso = await apiTokenFor("adele@contoso.com");
  tokens.fabrikam = await apiTokenFor("diego@fabrikam.com", SEEDED.fabrikam);
  for (const who of ["contoso", "fabrikam"] as const) {
    me[who].email = lower(String(claimsOf(tokens[who]).preferred_username));
  }
  preexisting = (await db().survey.findMany({ where: { tenantId: { in: TENANTS } }, select: { id: true } })).map(
    (s) => s.id,
  );

  // Real objects in each state for the fuzzer to find, made (and harvested) like any other answer.
  const survey = (who: Who, body: unknown) =>
    ok("createSurvey", plain(who, {}, { body: { kind: "json", value: body } }), SurveySchema);
  const draft = await survey("contoso", { title: "Fuzz draft", questions: ALL_TYPES });
  const open = await survey("contoso", {
    title: "Fuzz open",
    settings: { audience: "ANYONE_WITH_LINK" },
    questions: ALL_TYPES,
  });
  const members = await survey("contoso", { title: "Fuzz members", questions: ALL_TYPES.slice(0, 3) });
  const fabrikam = await survey("fabrikam", { title: "Fuzz Fabrikam", questions: ALL_TYPES.slice(2, 5) });
  fixtures = { open };
  me.contoso.userId = draft.ownerId;
  me.fabrikam.userId = fabrikam.ownerId;
  for (const published of [open, members]) {
    await ok("publishSurvey", plain("contoso", { surveyId: published.id }), SurveySchema);
  }
  const people = API.searchPeople.response.schema;
  await ok("searchPeople", plain("contoso", {}, { query: { q: "a" } }), people);
  await ok("searchPeople", plain("fabrikam", {}, { query: { q: "d" } }), people);

  // Invitations accepted and pending, a contributor, and a response, so those can be found too.
  const invite = (surveyId: string, email: string) =>
    ok("createInvitation", plain("contoso", { surveyId }, json({ email })), API.createInvitation.response.schema);
  const sent = await invite(draft.id, me.fabrikam.email);
  const accept = json({ tenantId: sent.invitation.tenantId, token: sent.token });
  await ok("acceptInvitation", plain("fabrikam", {}, accept), API.acceptInvitation.response.schema);
  await invite(members.id, me.fabrikam.email);
  await invite(draft.id, "lee@fabrikam.com");
  const answers = Object.fromEntries(open.questions.map((q) => [q.id, VALID_ANSWERS[q.type](q)]));
  const submission = json({ submissionKey: "fuzz-setup-response", answers });
  await ok(
    "submitResponse",
    { ...plain("contoso", { tenantId: open.tenantId, surveyId: open.id }, submission), caller: { who: "anonymous" } },
    API.submitResponse.response.schema,
  );
});

after(async () => {
  await db().survey.deleteMany({ where: { tenantId: { in: TENANTS }, id: { notIn: preexisting } } });
  for (const step of undo.reverse()) await step();
  await disconnectDb();
});

describe(`every Survey API endpoint, fuzzed (FUZZ_SEED=${SEED}, ${RUNS} cases each)`, () => {
  test("the fuzzing order names every endpoint once", () => {
    assert.deepEqual([...ORDER].sort(), Object.keys(API).sort());
  });

  for (const operationId of ORDER) {
    test(operationId, async () => {
      const property = fc.asyncProperty(caseArb(operationId), async (c) => {
        fuzzed += 1;
        await send(operationId, c);
      });
      await fc.assert(property, {
        seed: SEED,
        numRuns: RUNS,
        examples: fixtures ? (regressions(fixtures.open)[operationId] ?? []).map((c): [Case] => [c]) : [],
        includeErrorInReport: true,
      });
    });
  }

  test("everything stored is well-formed and exactly what the 2xx answers acknowledged", async () => {
    console.log(`fuzzed ${fuzzed} cases (FUZZ_SEED=${SEED}); answers by endpoint, setup included:`);
    for (const [operationId, byStatus] of statuses) {
      console.log(`  ${operationId}: ${[...byStatus].map(([status, n]) => `${status}×${n}`).join(" ")}`);
    }
    assert.ok(fuzzed >= 1_000 || process.env.FUZZ_RUNS, `only ${fuzzed} cases`);

    // What was acknowledged, before the read-back's own answers are remembered too.
    const expected = structuredClone(model);
    const created = statuses.get("createSurvey")?.get(201) ?? 0;
    const deleted = statuses.get("deleteSurvey")?.get(204) ?? 0;
    let storedAnswers = 0;
    for (const [who, tenantId] of [
      ["contoso", SEEDED.contoso],
      ["fabrikam", SEEDED.fabrikam],
    ] as const) {
      const list = await ok("listSurveys", plain(who, {}, { query: { scope: "tenant" } }), SurveyListSchema);
      const stored = list.items.map((s) => s.id).filter((id) => !preexisting.includes(id));
      const acknowledged = [...expected.surveys].filter(([, s]) => s.tenantId === tenantId).map(([id]) => id);
      assert.deepEqual(stored.sort(), acknowledged.sort(), `${who}: the surveys stored are the ones acknowledged`);

      for (const surveyId of stored) {
        const params = { surveyId };
        const survey = await ok("getSurvey", plain(who, params), SurveySchema);
        const { questions, access: _access, updatedAt: _updatedAt, ...rest } = survey;
        assert.deepEqual(rest, expected.surveys.get(surveyId), "the survey as last acknowledged");
        const withoutPosition = ({ position: _position, ...q }: QuestionDto) => q;
        const acknowledgedQuestions = [...(expected.questions.get(surveyId)?.values() ?? [])].map(withoutPosition);
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        assert.deepEqual(questions.map(withoutPosition).sort(byId), acknowledgedQuestions.sort(byId), "its questions");
        assert.deepEqual(
          questions.map((q) => q.position),
          questions.map((_, i) => i),
          "positions 0…n-1",
        );
        for (const q of questions) QuestionSchema.parse(q);

        const responses = await storedResponses(who, surveyId);
        const acknowledgedResponses = [...expected.responses].filter(([, of]) => of === surveyId).map(([id]) => id);
        assert.deepEqual(responses.map((r) => r.id).sort(), acknowledgedResponses.sort(), "responses, replays once");
        for (const response of responses) {
          storedAnswers += response.answers.length;
          // Stored answers still pass the domain's own validation, unchanged by its normalization.
          const sent = Object.fromEntries(response.answers.map((a) => [a.questionId, a.value]));
          const checked = validateAnswers(
            questions.map((q) => ({ ...q, options: "options" in q ? q.options : [] })),
            sent,
          );
          assert.ok(checked.ok, `response ${response.id}: ${JSON.stringify(checked)}`);
          const normalized = Object.fromEntries(checked.answers.map((a) => [a.questionId, a.value]));
          assert.deepEqual(normalized, sent, `response ${response.id} is stored normalized`);
        }
        const results = await ok("getResults", plain(who, params), SurveyResultsSchema);
        assert.equal(results.totalResponses, responses.length);

        const invitations = await ok("listInvitations", plain(who, params), InvitationListSchema);
        const pending = [...expected.invitations].filter(([, i]) => i.surveyId === surveyId).map(([id]) => id);
        assert.deepEqual(invitations.items.map((i) => i.id).sort(), pending.sort(), "pending invitations");
        const contributors = await ok("listContributors", plain(who, params), ContributorListSchema);
        assert.deepEqual(
          contributors.items.map((c) => `${c.userTenantId}/${c.userId}`).sort(),
          [...(expected.contributors.get(surveyId) ?? [])].sort(),
          "contributors",
        );
      }
    }
    assert.equal(expected.surveys.size, created - deleted, "surveys stored = 201s of create − 204s of delete");

    // And the rows themselves, for anything the API would not list.
    const ours = { tenantId: { in: TENANTS }, surveyId: { notIn: preexisting } };
    const questionCount = [...expected.questions.values()].reduce((sum, questions) => sum + questions.size, 0);
    assert.equal(await db().question.count({ where: ours }), questionCount, "question rows");
    assert.equal(await db().response.count({ where: ours }), expected.responses.size, "response rows");
    const responseIds = [...expected.responses.keys()];
    assert.equal(
      await db().answer.count({ where: { tenantId: { in: TENANTS }, responseId: { in: responseIds } } }),
      storedAnswers,
      "answer rows",
    );
  });
});

async function storedResponses(who: Who, surveyId: string): Promise<ResponseDto[]> {
  const responses: ResponseDto[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { limit: "100", ...(cursor ? { cursor } : {}) };
    const page = await ok("listResponses", plain(who, { surveyId }, { query }), ResponsesPageSchema);
    responses.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return responses;
}
