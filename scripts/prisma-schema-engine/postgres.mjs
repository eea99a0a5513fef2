// PostgreSQL plumbing for the shim: URL handling, a pg Client that fixes catalog column types,
// connection probing with Prisma error codes, and database create/drop/empty helpers.
import pg from "pg";

const SUPPORTED_PROTOCOLS = new Set(["postgres:", "postgresql:"]);

/** Parse and validate a datasource URL; only PostgreSQL is supported by this shim. */
export function parsePostgresUrl(url, what = "datasource URL") {
  if (typeof url !== "string" || url.trim() === "") {
    throw new Error(
      `No ${what} configured. Set DATABASE_URL (read by prisma.config.ts), or run the command through ` +
        '`node scripts/with-db.mjs "…"`, which starts an embedded database when DATABASE_URL is unset.',
    );
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`The ${what} is not a valid URL.`);
  }
  if (!SUPPORTED_PROTOCOLS.has(parsed.protocol)) {
    throw new Error(
      `The ${what} uses the "${parsed.protocol}" scheme, but this schema engine ` +
        "(scripts/prisma-schema-engine.mjs) supports only postgres:// and postgresql:// URLs.",
    );
  }
  return parsed;
}

/** `host:port` for messages; never includes credentials. */
export function serverLocation(url) {
  const parsed = new URL(url);
  return `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`;
}

export function databaseName(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  return name || "postgres";
}

export function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** Same server and same database name (the shadow database must never be the main one). */
export function sameDatabase(a, b) {
  return serverLocation(a) === serverLocation(b) && databaseName(a) === databaseName(b);
}

export function quoteIdent(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}

// --- Catalog column types (upstream bug 4) ------------------------------------------------------
// The engine introspects pg_catalog, which returns columns of type "char" (OID 18), e.g.
// pg_constraint.contype. adapter-pg 7.10.1 has no mapping for OID 18 and fails the whole query with
// "Column type 'char' could not be deserialized from the database". (OID 19 `name`, the cause of
// prisma/orm#27403 in 6.x, is already mapped to Text by adapter-pg 7.10.1.)
// We re-label OID 18 result columns as text (OID 25) at the pg level so adapter-pg accepts them,
// and remember which columns they were so the adapter wrapper can report them as Character:
// plain Text makes the engine panic with "Getting constraint_type … as char failed".
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumnsByRows = new WeakMap();

/** Indexes of the columns of a result (identified by its rows array) that were "char". */
export function charColumnIndexes(rows) {
  return (rows && charColumnsByRows.get(rows)) ?? [];
}

function relabelCharColumns(result) {
  if (Array.isArray(result)) {
    for (const part of result) relabelCharColumns(part);
    return result;
  }
  const indexes = [];
  for (const [index, field] of (result?.fields ?? []).entries()) {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      indexes.push(index);
    }
  }
  if (indexes.length > 0 && result.rows) charColumnsByRows.set(result.rows, indexes);
  return result;
}

/** pg Client for every engine connection (adapter.mjs hands it to the Pool's `Client` option). */
export class CatalogTypesClient extends pg.Client {
  query(config, values, callback) {
    // Submittables (cursors, streams) manage their own results; the engine never uses them.
    if (typeof config?.submit === "function") return super.query(config, values, callback);
    const done = typeof values === "function" ? values : callback;
    const params = typeof values === "function" ? undefined : values;
    if (done) {
      return super.query(config, params, (error, result) => done(error, error ? result : relabelCharColumns(result)));
    }
    return super.query(config, params).then(relabelCharColumns);
  }
}

/**
 * Pool configuration for a Prisma-style URL. `?schema=` is Prisma's own parameter: adapter-pg takes
 * it as an option, and the engine's unqualified migration SQL needs it as the search_path.
 */
export function poolConfig(url) {
  const parsed = parsePostgresUrl(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  const config = { connectionString: parsed.toString() };
  if (schema && !parsed.searchParams.has("options")) config.options = `-c search_path=${quoteIdent(schema)}`;
  return { config, schema };
}

export async function withClient(url, fn) {
  const client = new pg.Client(poolConfig(url).config);
  client.on("error", () => {}); // a dropped connection surfaces as a query error instead
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

// --- Connection probing (for `cli can-connect-to-database`) --------------------------------------

/** Map a pg/socket error to the Prisma error code and message the native engine would use. */
export function classifyConnectionError(error, url) {
  const location = serverLocation(url);
  const user = decodeURIComponent(new URL(url).username) || "postgres";
  switch (error?.code) {
    case "3D000":
      return {
        code: "P1003",
        message: `Database \`${databaseName(url)}\` does not exist on the database server at \`${location}\`.`,
      };
    case "28P01":
    case "28000":
      return {
        code: "P1000",
        message: `Authentication failed against database server at \`${location}\`, the provided database credentials for \`${user}\` are not valid.`,
      };
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return {
        code: "P1001",
        message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
      };
    case "ECONNRESET":
      return { code: "P1017", message: "Server has closed the connection." };
    default:
      return { code: undefined, message: `Could not connect to \`${location}\`: ${error?.message ?? error}` };
  }
}

/** null when the database accepts connections, otherwise { code, message }. */
export async function probeConnection(url) {
  try {
    await withClient(url, (client) => client.query("SELECT 1"));
    return null;
  } catch (error) {
    return classifyConnectionError(error, url);
  }
}

// --- Database lifecycle -------------------------------------------------------------------------

/** Run `fn` on a maintenance connection to the same server (`postgres`, else `template1`). */
async function withMaintenanceClient(url, fn) {
  try {
    return await withClient(withDatabase(url, "postgres"), fn);
  } catch (error) {
    if (error?.code !== "3D000") throw error;
    return withClient(withDatabase(url, "template1"), fn);
  }
}

export async function createDatabase(url) {
  const name = databaseName(url);
  await withMaintenanceClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return name;
}

/** Drop a database from `adminUrl`'s server; falls back to WITH (FORCE) if sessions linger. */
export async function dropDatabase(adminUrl, name) {
  await withClient(adminUrl, async (client) => {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    } catch (error) {
      if (error?.code !== "55006") throw error; // 55006: "is being accessed by other users"
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    }
  });
}

/**
 * Empty a database the way the native engine resets an external shadow database: drop every
 * non-system schema with its contents, then recreate `public` (and the configured schema).
 */
export function emptyDatabaseSql(schema) {
  const recreate = [...new Set(["public", schema].filter(Boolean))]
    .map((name) => `CREATE SCHEMA ${quoteIdent(name)};`)
    .join(" ");
  return `DO $shim$
DECLARE s record;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema')
      AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s.nspname);
  END LOOP;
  ${recreate}
END
$shim$;`;
}
