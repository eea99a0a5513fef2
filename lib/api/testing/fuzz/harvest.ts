// What 2xx answers handed out: ids, tokens, cursors, addresses, harvested through the response
// schemas, to aim later requests at real objects. Kept both all together and per answer, so a
// request can take values that belong together (a survey and its questions).
import { deref, isObject, nameOf, type Rendered, type Schema, schemas, singular } from "./schema";

/** Strings by the name they carry; an `id` is named by the kind of object (`surveyId`, `optionId`). */
export type Found = Map<string, string[]>;
const everything: Found = new Map();
/** One Found per 2xx answer. */
const contexts: Found[] = [];
export const IDENTIFIER = /(id|token|cursor|mail)$/i;

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
export function remember(rendered: Rendered, body: unknown, params: Record<string, string>): void {
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
export function valuesFor(found: Found, name: string): string[] {
  const wanted = name.toLowerCase();
  if (wanted === "") return [];
  return [...found]
    .filter(([key]) => key.toLowerCase().endsWith(wanted) || wanted.endsWith(key.toLowerCase()))
    .flatMap(([, values]) => values);
}

/** Values named like `name` in any answer so far. */
export const handedOutAs = (name: string): string[] => valuesFor(everything, name);

/**
 * An earlier answer to lean on: one naming as many of the ids the request needs (its path
 * parameters, its body's identifiers) as any answer does, so they belong together.
 */
export function contextFor(i: number, names: string[]): Found {
  const score = (found: Found) => names.filter((name) => valuesFor(found, name).length > 0).length;
  const best = Math.max(0, ...contexts.map(score));
  const candidates = contexts.filter((found) => score(found) === best);
  // Half the time one of the newest: older answers may be stale (a question added since).
  const at = i % 2 === 0 ? candidates.length - 1 - ((i >> 1) % 4) : i >> 1;
  return candidates[Math.max(0, at) % Math.max(candidates.length, 1)] ?? new Map();
}
