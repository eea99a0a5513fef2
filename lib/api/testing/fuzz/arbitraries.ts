// Values a JSON Schema accepts, as fast-check arbitraries: the well-formed half of the fuzzing,
// so handlers run deep. Identifiers come mostly from earlier answers (harvest.ts), the one the
// request leans on first, so requests name real surveys, questions and options.
import fc from "fast-check";
import { SEED } from "@/test/support/fuzz-knobs";
import { type Found, handedOutAs, valuesFor } from "./harvest";
import { deref, isObject, nameOf, numberOf, type Rendered, type Schema, schemas, singular } from "./schema";

// fast-check leans towards the first of a list and small numbers (to find small counterexamples);
// here every option, slot and earlier answer should be as likely as the next.
export const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.noBias(fc.constantFrom(...values));
export const anyNat = fc.noBias(fc.nat());

/** One character JSON allows but storage may not: NUL, lone surrogates, control characters. */
export const unsafeUnit = fc.oneof(
  pick("\u0000", "\ud800", "\udbff", "\udc00", "\udfff", "\u0007", "\u00a0"),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
);

/** Per case: the schema it fills in, and the answer whose values it leans on. */
export interface Gen {
  r: Rendered;
  near: Found;
}

/** A value for `name` handed out before (by the same answer first), or a fresh one. */
export function pooled(name: string, g: Gen, fresh: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const near = valuesFor(g.near, name);
  const far = handedOutAs(name);
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
export function conforming(schema: Schema, g: Gen, name = "", kind?: string, depth = 0): fc.Arbitrary<unknown> {
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
