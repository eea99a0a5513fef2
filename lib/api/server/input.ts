// Request input, validated with the endpoint's zod schemas (the same ones the domain and the
// OpenAPI document use). A body that is not JSON, or too large, is a 400/413/415; JSON the body
// schema refuses is the domain's 422 ValidationError with field errors. Query strings carry
// only text, so each value is first converted to its field's type.
import type { z } from "zod";
import { fieldErrorsOf, parseInput } from "@/lib/surveys/parse";
import { MalformedRequestError } from "./errors";

/** Generous for a survey with 100 questions of 20 options; far below what would hurt. */
export const MAX_BODY_BYTES = 256 * 1024;

type FieldKind = "number" | "boolean" | "array" | "text";

/** The JSON type a query field holds, looking through optional/nullable/default wrappers. */
function fieldKind(schema: z.ZodType): FieldKind {
  let current: z.core.$ZodType = schema;
  for (;;) {
    const def = current._zod.def;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default") {
      current = (def as unknown as { innerType: z.core.$ZodType }).innerType;
      continue;
    }
    if (def.type === "number" || def.type === "int") return "number";
    if (def.type === "boolean") return "boolean";
    if (def.type === "array") return "array";
    return "text";
  }
}

function typedValue(kind: FieldKind, values: string[]): unknown {
  const [first = ""] = values;
  switch (kind) {
    case "array":
      return values;
    case "number":
      // "" and "abc" become NaN, which the schema refuses with its own message.
      return first.trim() === "" ? Number.NaN : Number(first);
    case "boolean":
      return first === "true" ? true : first === "false" ? false : first;
    default:
      return first;
  }
}

/** The query string as the schema's input; unknown keys are kept so strict schemas refuse them. */
export function queryInput(schema: z.ZodObject, params: URLSearchParams): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodType>;
  // Own fields only (`?toString=` names no field), and fromEntries makes even `?__proto__=` an
  // own key, which strict schemas then refuse like any other unknown one.
  return Object.fromEntries(
    [...new Set(params.keys())].map((key) => {
      const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
      return [key, typedValue(field ? fieldKind(field) : "text", params.getAll(key))];
    }),
  );
}

export function parseQuery<S extends z.ZodObject>(schema: S, params: URLSearchParams): z.output<S> {
  const result = schema.safeParse(queryInput(schema, params));
  if (result.success) return result.data;
  throw new MalformedRequestError("The query string is not valid.", fieldErrorsOf(result.error));
}

async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new MalformedRequestError("The request body is too large.", {}, 413);
  const text = await request.text();
  if (text === "") return undefined;
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) {
    throw new MalformedRequestError("The request body is too large.", {}, 413);
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json(\s*;|$)/i.test(type)) {
    throw new MalformedRequestError("Send the body as application/json.", {}, 415);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedRequestError("The request body is not valid JSON.", {
      _: ["The request body is not valid JSON."],
    });
  }
}

/** The body as the schema's output; ValidationError (422, with field errors) when it does not fit. */
export async function parseBody<S extends z.ZodType>(schema: S, request: Request): Promise<z.output<S>> {
  return parseInput(schema, await readJson(request));
}
