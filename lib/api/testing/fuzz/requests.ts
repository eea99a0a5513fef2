// Whole requests for one endpoint, from its own zod schemas: a caller, path ids (mostly of real
// objects), a query and a body, each well-formed or hostile, and now and then extra headers.
// Requests answered 2xx come back as seeds, replayed as they were or with one part changed.
import fc from "fast-check";
import { CORRELATION_HEADER } from "@/lib/correlation";
import { type EndpointSpec, paramNamesOf } from "../../contract/define";
import { API, type OperationId } from "../../contract/endpoints";
import { anyNat, conforming, type Gen, pick, pooled } from "./arbitraries";
import { type Caller, tokenOf } from "./callers";
import type { Body, Case } from "./case";
import { contextFor, IDENTIFIER } from "./harvest";
import { EXTRA_KEYS, hostileString, hostileValue, type Mutation, mutate, rawBodyArb, violating } from "./hostile";
import { deref, isObject, nameOf, render, type Schema, singular } from "./schema";

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
    const token = tokenOf("contoso");
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
      `Bearer ${tokenOf("fabrikam").split(".").slice(0, 2).join(".")}.`,
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

/** Requests answered 2xx, per endpoint: replayed as they were or with one part changed. */
const seeds = new Map<OperationId, Case[]>();

/** A request answered 2xx (the first 50 per endpoint), to build later ones on. */
export function keepSeed(operationId: OperationId, c: Case): void {
  const known = seeds.get(operationId) ?? [];
  if (known.length < 50) seeds.set(operationId, [...known, c]);
}

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

/** A request for the endpoint: fresh, or built on one it answered 2xx before. */
export function caseArb(operationId: OperationId): fc.Arbitrary<Case> {
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
