// Hostile input: values no schema accepts (wrong types, missing and extra keys, __proto__, huge,
// NUL and lone-surrogate strings, deep nesting, odd numbers), well-formed values with one slot
// broken, and raw bodies that are not JSON or not quite the JSON they seem.
import fc from "fast-check";
import { anyNat, pick, unsafeUnit } from "./arbitraries";
import type { Body } from "./case";
import { isObject, type Schema } from "./schema";

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
export const EXTRA_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "status",
  "id",
  "tenantId",
  "ownerId",
  "",
  "toString",
];

const nested = (depth: number): unknown => {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: pick(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: unsafeUnit, minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 20_000 }).map((n) => "é".repeat(n)) },
);
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: pick<unknown>(...HOSTILE_NUMBERS, true, false, null, [], {}, PROTO_OBJECT) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3_000 }).map(nested) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

export type Mutation = "replace" | "drop" | "extra" | "wrap";

/** `value` with one slot broken: replaced by `bad`, removed, wrapped, or joined by an extra key. */
export function mutate(value: unknown, at: number, how: Mutation, extraKey: string, bad: unknown): unknown {
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

/** A value the schema refuses: hostile outright, or a conforming one with one slot broken. */
export function violating(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
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

/** Raw bodies: not JSON, cut short, numbers JavaScript rounds, nested too deep, too large, or fine. */
export function rawBodyArb(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
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
