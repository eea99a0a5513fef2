// The endpoints' zod schemas rendered as JSON Schema (as in the OpenAPI document), and the few
// ways the fuzzing walks them: generating values (arbitraries.ts) and harvesting ids from answers
// (harvest.ts) both follow $refs and name values by the kind of object they belong to.
import { z } from "zod";

export type Schema = { [key: string]: unknown };
export interface Rendered {
  root: Schema;
  defs: Record<string, Schema>;
}

export function render(schema: z.ZodType, io: "input" | "output"): Rendered {
  const { $defs, ...root } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Schema;
  return { root, defs: ($defs ?? {}) as Record<string, Schema> };
}

export const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null;
export const schemas = (s: Schema, key: string): Schema[] => (Array.isArray(s[key]) ? (s[key] as Schema[]) : []);
export const numberOf = (s: Schema, key: string): number | undefined =>
  typeof s[key] === "number" ? s[key] : undefined;
export const singular = (key: string) => key.replace(/s$/, "");
/** `SurveySummary`, `PublicSurvey`, `SurveyInput` → `survey`. */
function kindOf(definition: string): string {
  const kind = definition.replace(/^Public/, "").replace(/(Summary|Input|Patch)$/, "");
  return kind.charAt(0).toLowerCase() + kind.slice(1);
}
/** An `id` is named by the kind of object it is the id of (`surveyId`, `optionId`). */
export const nameOf = (key: string, kind: string | undefined) => (key === "id" && kind ? `${kind}Id` : key);

/** Follows $refs; the last definition passed names the kind of object inside. */
export function deref(
  schema: Schema,
  defs: Record<string, Schema>,
  kind: string | undefined,
): [Schema, string | undefined] {
  let current = schema;
  let currentKind = kind;
  while (typeof current.$ref === "string") {
    const definition = current.$ref.split("/").at(-1) ?? "";
    currentKind = kindOf(definition);
    current = defs[definition] ?? {};
  }
  return [current, currentKind];
}
