// One fuzzed request, as generated, replayed and reported by fast-check: who calls, with which
// path parameters, query, body and extra headers. The setup, the regressions and the read-back
// build theirs with `plain` and `json`.
import type { Caller, Who } from "./callers";

export type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; text: string; contentType: string };

export interface Case {
  caller: Caller;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Body;
  headers: Record<string, string>;
}

/** A signed-in call with a well-formed JSON body, as the setup and the read-back make them. */
export const plain = (who: Who, params: Record<string, string> = {}, extra: Partial<Case> = {}): Case => ({
  caller: { who },
  params,
  query: {},
  body: { kind: "none" },
  headers: {},
  ...extra,
});

export const json = (value: unknown): Partial<Case> => ({ body: { kind: "json", value } });
