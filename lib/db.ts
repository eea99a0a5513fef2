// The only place that constructs the Prisma client. Domain modules under lib/<domain> import
// `db()`; pages, components and route handlers never do.
//
// The client is created on first use and its pool connects on first query, so importing this
// module (e.g. during `next build`) needs no database.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { noteDatabaseError, setDatabaseProbe } from "./db-availability";
import { env, requireDatabaseUrl } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { surveysDb?: PrismaClient };

/** A new client with its own pool. The app uses db(); this exists for db() and for tests. */
export function createDbClient(connectionString: string, poolMax: number): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString,
      max: poolMax,
      // Fail fast instead of queueing forever when the database is down: health checks and
      // requests then answer 503 promptly.
      connectionTimeoutMillis: 5_000,
    },
    {
      // A pooled connection that breaks (the server stopped, the network dropped) opens the
      // availability breaker before any request has to find out (lib/db-availability.ts).
      onPoolError: noteDatabaseError,
      onConnectionError: noteDatabaseError,
    },
  );
  return new PrismaClient({ adapter });
}

function createClient(): PrismaClient {
  const config = env();
  return createDbClient(requireDatabaseUrl(config), config.DATABASE_POOL_MAX);
}

/** The process-wide Prisma client (one pool per process; survives dev hot reloads). */
export function db(): PrismaClient {
  if (!globalForDb.surveysDb) {
    const client = createClient();
    globalForDb.surveysDb = client;
    setDatabaseProbe(async () => {
      await client.$queryRaw`SELECT 1`;
    });
  }
  return globalForDb.surveysDb;
}

/** Closes the pool, e.g. at the end of a test file. */
export async function disconnectDb(): Promise<void> {
  const client = globalForDb.surveysDb;
  globalForDb.surveysDb = undefined;
  await client?.$disconnect();
}
