// The driver adapter factory handed to the wasm schema engine: the official @prisma/adapter-pg,
// patched for the upstream bugs that hit the schema engine (not the runtime client), and with a
// shadow-database implementation of our own.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { debug, logLine } from "./log.mjs";
import {
  CatalogTypesClient,
  charColumnIndexes,
  dropDatabase,
  emptyDatabaseSql,
  parsePostgresUrl,
  poolConfig,
  quoteIdent,
  sameDatabase,
  serverLocation,
  withClient,
  withDatabase,
} from "./postgres.mjs";

/** Temporary shadow databases not dropped yet, so an interrupted session can still clean up. */
const pendingCleanups = new Set();

export async function cleanupShadowDatabases() {
  for (const cleanup of [...pendingCleanups]) await cleanup();
}

/**
 * @param {{ url?: string, shadowDatabaseUrl?: string }} datasource from the CLI's --datasource
 * @returns the factory wrapped by bindMigrationAwareSqlAdapterFactory (it carries `errorRegistry`)
 */
export function createAdapterFactory(datasource) {
  const { url, shadowDatabaseUrl } = datasource;
  const factory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectPatched(url, "datasource URL (DATABASE_URL)"),
    // Upstream bug 5: adapter-pg's own connectToShadowDb() is unusable — it spreads the config into
    // `new Pool({ ...config, database })`, where a connectionString wins over `database`, so the
    // "shadow" replay would run on the main database (a); and it drops the database before closing
    // its pool, which fails with "is being accessed by other users" (b).
    connectToShadowDb: () =>
      shadowDatabaseUrl ? connectExternalShadow(url, shadowDatabaseUrl) : connectTemporaryShadow(url),
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

async function connectPatched(url, what) {
  parsePostgresUrl(url, what);
  const { config, schema } = poolConfig(url);
  // One connection per pool: the engine runs its statements one after another and uses no
  // transactions, and one session keeps the advisory lock and search_path in one place. It also
  // matters for PGlite, which multiplexes all connections onto one session (scripts/embedded-db.mjs).
  const adapter = await new PrismaPg({ ...config, Client: CatalogTypesClient, max: 1 }, { schema }).connect();
  return patchQueryable(adapter, adapter);
}

// `target` is the adapter or one of its transactions; `adapter` owns the pool.
function patchQueryable(target, adapter) {
  const queryRaw = target.queryRaw.bind(target);
  target.queryRaw = async (query) => {
    debug("queryRaw", { sql: query.sql });
    // Upstream bug 1 (the engine reporting a missing `_prisma_migrations` as P1014) needs no
    // workaround here: adapter-pg maps the 42P01 error to TableDoesNotExist, which the engine
    // treats as "no migrations yet" and then creates the table. Answering that SELECT with an
    // empty result, as the SQLite shim had to, is harmful on PostgreSQL: the engine then assumes
    // the table exists and `migrate resolve --applied` fails with P1014 on its INSERT.
    const result = await queryRaw(query);
    // Upstream bug 4, second half: see CatalogTypesClient in postgres.mjs.
    for (const index of charColumnIndexes(result.rows)) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };

  const executeRaw = target.executeRaw.bind(target);
  target.executeRaw = (query) => {
    debug("executeRaw", { sql: query.sql });
    return executeRaw(query);
  };

  if (target === adapter) {
    // adapter-pg's executeScript() splits the script on every ";" (breaking dollar-quoted function
    // bodies and string literals) and sends the pieces separately through the pool. The native
    // engine sends a migration script as ONE simple-protocol query, so do the same, on one client.
    target.executeScript = async (script) => {
      debug("executeScript", { sql: script });
      const client = await adapter.underlyingDriver().connect();
      try {
        await client.query(script);
      } catch (error) {
        adapter.onError?.(error); // rethrows as DriverAdapterError, as adapter-pg's own methods do
        throw error;
      } finally {
        client.release();
      }
    };

    const startTransaction = target.startTransaction.bind(target);
    target.startTransaction = async (isolationLevel) => {
      debug("startTransaction", { isolationLevel });
      return patchQueryable(await startTransaction(isolationLevel), adapter);
    };
  }
  return target;
}

// --- Shadow databases ---------------------------------------------------------------------------

/** SHADOW_DATABASE_URL: a database we may wipe. Empty it first, like the native engine does. */
async function connectExternalShadow(mainUrl, shadowUrl) {
  parsePostgresUrl(shadowUrl, "shadow database URL (SHADOW_DATABASE_URL)");
  if (mainUrl && sameDatabase(mainUrl, shadowUrl)) {
    throw new Error(
      "The shadow database URL (SHADOW_DATABASE_URL) points at the main database; it would be wiped. " +
        "Use a separate, disposable database.",
    );
  }
  const adapter = await connectPatched(shadowUrl, "shadow database URL");
  const { schema } = poolConfig(shadowUrl);
  try {
    await adapter.underlyingDriver().query(emptyDatabaseSql(schema));
  } catch (error) {
    await adapter.dispose().catch(() => {});
    throw new Error(`Could not empty the shadow database at ${serverLocation(shadowUrl)}: ${error.message}`, {
      cause: error,
    });
  }
  return adapter;
}

/** No shadow URL: create `prisma_migrate_shadow_db_<uuid>` next to the main database, drop it after. */
async function connectTemporaryShadow(mainUrl) {
  parsePostgresUrl(mainUrl);
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  try {
    await withClient(mainUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  } catch (error) {
    throw new Error(
      `Prisma Migrate could not create the shadow database on ${serverLocation(mainUrl)}: ${error.message}. ` +
        "Grant the user CREATEDB, or set SHADOW_DATABASE_URL to an empty database that may be wiped " +
        "(PGlite serves a single database, so it always needs SHADOW_DATABASE_URL).",
      { cause: error },
    );
  }
  debug("created temporary shadow database", { name });

  let dropped;
  const drop = () => {
    // Close our pool BEFORE dropping (bug 5b), and only ever drop once.
    dropped ??= (async () => {
      pendingCleanups.delete(drop);
      await disposePool().catch(() => {});
      try {
        await dropDatabase(mainUrl, name);
        debug("dropped temporary shadow database", { name });
      } catch (error) {
        logLine("ERROR", `Could not drop the temporary shadow database ${name}: ${error.message}`);
        throw error;
      }
    })();
    return dropped;
  };
  pendingCleanups.add(drop);

  let disposePool = async () => {};
  try {
    // Connect to the new database by URL (not via a `database` option a connectionString would override).
    const adapter = await connectPatched(withDatabase(mainUrl, name), "shadow database URL");
    disposePool = adapter.dispose.bind(adapter);
    adapter.dispose = drop;
    return adapter;
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
}
