// The survey domain's zod schemas, one import for forms, server actions, the Survey API (and its
// OpenAPI document) and lib/surveys itself. No server-only code here: client components import it.
export * from "./schemas/inputs";
export * from "./schemas/outputs";
export * from "./schemas/results";
