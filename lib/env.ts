// The one place that reads process.env. Every variable the app understands is declared here,
// validated once, and documented in .env.example. A bad value stops the process with one line
// that names the variable and what it expects.
import { z } from "zod";

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.hostname !== "";
  } catch {
    return false;
  }
}, "expected a postgresql://user@host:port/database URL");

const redisUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname !== "";
  } catch {
    return false;
  }
}, "expected a redis://host:port or rediss://host:port URL");

const positiveInt = (fallback: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number from 1 to ${max}` })
    .int(`expected a whole number from 1 to ${max}`)
    .min(1, `expected a whole number from 1 to ${max}`)
    .max(max, `expected a whole number from 1 to ${max}`)
    .default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Optional here because the start and test commands provide an embedded database when it is
  // unset (scripts/with-db.mjs); the server itself refuses to start without it (requireDatabaseUrl).
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: positiveInt(10, 200),
  REDIS_URL: redisUrl.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: positiveInt(3000, 65535),
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expectation: string,
  ) {
    super(`Invalid configuration: ${variable} ${expectation}`);
    this.name = "ConfigError";
  }
}

/** Parses a variable set (process.env by default); throws ConfigError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string means "unset": shells and .env files produce them for blank values.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? "environment");
  const given = cleaned[variable];
  throw new ConfigError(variable, given === undefined ? "is required" : `is malformed: ${issue?.message}`);
}

let cached: Env | undefined;

/** The validated configuration of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function requireDatabaseUrl(config: Env = env()): string {
  if (!config.DATABASE_URL) {
    throw new ConfigError(
      "DATABASE_URL",
      "is required: expected a postgresql:// URL (npm start and npm test provide an embedded database when it is unset)",
    );
  }
  return config.DATABASE_URL;
}
