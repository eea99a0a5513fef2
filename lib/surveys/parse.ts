// Input parsing for the domain functions: zod issues become one ValidationError whose fields a
// form can show beside its inputs. Pure, so client components may use it too.
import type { z } from "zod";
import { type FieldErrors, ValidationError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from URLs: one that is not a UUID names nothing (and must not reach a uuid column). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  // A Map, not an object: paths come from the input, and `constructor` or `__proto__` must be
  // keys like any other rather than Object.prototype's members.
  const fields = new Map<string, string[]>();
  const add = (key: string, message: string) => {
    const list = fields.get(key) ?? [];
    fields.set(key, list);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...path, key].join("."), "This field cannot be set here.");
    } else {
      add(path.join(".") || "_", issue.message);
    }
  }
  return Object.fromEntries(fields);
}

export function validationErrorOf(error: z.ZodError): ValidationError {
  const fields = fieldErrorsOf(error);
  const messages = Object.entries(fields).flatMap(([key, list]) =>
    list.map((message) => (message === "This field cannot be set here." ? `"${key}" cannot be set here.` : message)),
  );
  const [first = "The input is not valid.", ...rest] = messages;
  return new ValidationError(rest.length === 0 ? first : `${first} (and ${rest.length} more)`, fields);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationErrorOf(result.error);
}
