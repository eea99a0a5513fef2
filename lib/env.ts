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

/** An absolute URL of one of the given schemes, kept without a trailing slash. */
const urlOf = (schemes: string[], expectation: string) =>
  z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return schemes.includes(url.protocol) && url.hostname !== "" && !url.search && !url.hash;
      } catch {
        return false;
      }
    }, expectation)
    .transform((value) => value.replace(/\/+$/, ""));

const httpsUrl = urlOf(["https:"], "expected an https:// URL (msal-node and the Graph client refuse plain http)");
const webUrl = urlOf(["http:", "https:"], "expected an http:// or https:// URL");
const guid = z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, "expected a GUID (an application id)");

/**
 * Token-cache keys: `id:base64key[,id:base64key…]`, each key 32 bytes (AES-256-GCM). The first
 * encrypts; all of them decrypt, so a key can rotate without signing everyone out.
 */
const tokenCacheKeys = z.string().transform((value, ctx) => {
  const keys = value.split(",").map((entry) => entry.trim());
  const parsed: { id: string; key: Buffer }[] = [];
  for (const entry of keys) {
    const [id, material, extra] = entry.split(":");
    const key = material ? Buffer.from(material, "base64") : Buffer.alloc(0);
    if (!id || !/^[\w.-]{1,32}$/.test(id) || extra !== undefined || key.length !== 32) {
      ctx.addIssue({ code: "custom", message: "expected id:base64key entries, each key 32 bytes, comma-separated" });
      return z.NEVER;
    }
    parsed.push({ id, key });
  }
  if (new Set(parsed.map((k) => k.id)).size !== parsed.length) {
    ctx.addIssue({ code: "custom", message: "expected distinct key ids" });
    return z.NEVER;
  }
  return parsed;
});

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Optional here because the start and test commands provide an embedded database when it is
  // unset (scripts/with-db.mjs); the server itself refuses to start without it (requireDatabaseUrl).
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: positiveInt(10, 200),
  REDIS_URL: redisUrl.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PORT: positiveInt(3000, 65535),

  // Identity. The server refuses to start without the required ones (requireIdentity); the start
  // and test commands fill them from the bundled emulator when ENTRA_INSTANCE is unset.
  /** The app's public origin; next-auth reads it too. */
  NEXTAUTH_URL: webUrl.default("http://localhost:3000"),
  /** Signs and encrypts session cookies; the same value on every instance. */
  NEXTAUTH_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  /** Entra ID instance (authority host): public cloud, a national cloud, or the emulator. */
  ENTRA_INSTANCE: httpsUrl.default("https://login.microsoftonline.com"),
  /** host[:port] for msal-node's knownAuthorities when the instance is not a Microsoft cloud. */
  ENTRA_KNOWN_AUTHORITY: z
    .string()
    .regex(/^[\w.-]+(:\d{1,5})?$/, "expected host or host:port")
    .optional(),
  GRAPH_BASE_URL: httpsUrl.default("https://graph.microsoft.com"),
  AZURE_AD_CLIENT_ID: guid.optional(),
  AZURE_AD_CLIENT_SECRET: z.string().min(1).optional(),
  SURVEY_API_CLIENT_ID: guid.optional(),
  SURVEY_API_CLIENT_SECRET: z.string().min(1).optional(),
  /** Defaults to api://<SURVEY_API_CLIENT_ID>. */
  SURVEY_API_APP_ID_URI: z.string().min(1).optional(),
  /** Defaults to <SURVEY_API_APP_ID_URI>/Surveys.ReadWrite. */
  SURVEY_API_SCOPE: z.string().min(1).optional(),
  /** Where server actions call the Survey API; defaults to NEXTAUTH_URL (same origin). */
  SURVEY_API_URL: webUrl.optional(),
  TOKEN_CACHE_KEYS: tokenCacheKeys.optional(),

  // Sessions and tenancy.
  SESSION_PERSISTENT_DAYS: positiveInt(30, 365),
  SESSION_BROWSER_HOURS: positiveInt(12, 24 * 7),
  TENANT_PURGE_GRACE_DAYS: positiveInt(30, 3650),

  /** Only in tests: the emulator's test hooks (clock, faults). */
  ENTRA_EMULATOR_TEST_HOOKS: httpsUrl.optional(),
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

export interface IdentityConfig {
  appUrl: string;
  secret: string;
  instance: string;
  knownAuthority: string | undefined;
  graphBaseUrl: string;
  web: { clientId: string; clientSecret: string };
  api: { clientId: string; clientSecret: string; appIdUri: string; scope: string; url: string };
  tokenCacheKeys: { id: string; key: Buffer }[];
}

/**
 * The identity settings a server needs, or a ConfigError naming the first missing one. Separate
 * from env() so that `next build` and tools that never sign anyone in need none of them.
 */
export function requireIdentity(config: Env = env()): IdentityConfig {
  const required = <K extends keyof Env>(name: K, what: string): NonNullable<Env[K]> => {
    const value = config[name];
    if (value === undefined) throw new ConfigError(name, `is required: ${what}`);
    return value as NonNullable<Env[K]>;
  };
  const apiClientId = required("SURVEY_API_CLIENT_ID", "the Survey API's application id");
  const appIdUri = config.SURVEY_API_APP_ID_URI ?? `api://${apiClientId}`;
  return {
    appUrl: config.NEXTAUTH_URL,
    secret: required("NEXTAUTH_SECRET", "at least 32 random characters, the same on every instance"),
    instance: config.ENTRA_INSTANCE,
    knownAuthority: config.ENTRA_KNOWN_AUTHORITY,
    graphBaseUrl: config.GRAPH_BASE_URL,
    web: {
      clientId: required("AZURE_AD_CLIENT_ID", "the Surveys web app's application id"),
      clientSecret: required("AZURE_AD_CLIENT_SECRET", "the Surveys web app's client secret"),
    },
    api: {
      clientId: apiClientId,
      clientSecret: required("SURVEY_API_CLIENT_SECRET", "the Survey API's client secret (for on-behalf-of)"),
      appIdUri,
      scope: config.SURVEY_API_SCOPE ?? `${appIdUri}/Surveys.ReadWrite`,
      url: config.SURVEY_API_URL ?? config.NEXTAUTH_URL,
    },
    tokenCacheKeys: required("TOKEN_CACHE_KEYS", "id:base64key entries of 32-byte keys (openssl rand -base64 32)"),
  };
}
