// Embedded PostgreSQL for development and tests: PGlite (Postgres compiled to wasm, from npm)
// served on loopback through @electric-sql/pglite-socket, so the app, Prisma's CLI and psql talk to
// it with ordinary postgresql:// URLs.
//
// Concurrency (measured, see POOL_MAX below): PGlite is ONE Postgres session. The socket server
// multiplexes several client connections onto it message by message; that keeps explicit
// transactions together but not the extended-protocol messages of concurrent queries, so clients
// must not run queries concurrently. Use one pooled connection per process (pool max 1).
import { mkdir, open, readFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

/** Pool size to use against the embedded database (DATABASE_POOL_MAX). */
export const POOL_MAX = 1;

/**
 * Connections the socket server accepts at once. More than one process (app, `prisma migrate`,
 * psql) may connect, each with POOL_MAX connections; the server's default of 1 would reject the
 * second client with a raw "Too many connections" line that clients report as a protocol error.
 */
const MAX_CONNECTIONS = 16;
const HOST = "127.0.0.1";

/**
 * @param {{ dataDir?: string, memory?: boolean, port?: number }} options
 *   dataDir: directory holding the database (created if missing); ignored with `memory: true`.
 *   port: TCP port for the main database; 0 (default) picks a free one.
 * @returns {Promise<{ url: string, shadowUrl: string, poolMax: number, description: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedDb({ dataDir, memory = false, port = 0 } = {}) {
  if (!memory && !dataDir) throw new Error("startEmbeddedDb: pass { dataDir } or { memory: true }");
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");

  const releaseLock = memory ? async () => {} : await lockDataDir(path.resolve(dataDir));
  const stack = [releaseLock]; // undo actions, run in reverse order by stop()
  const stop = async () => {
    for (const undo of stack.reverse().splice(0)) await undo().catch(() => {});
  };

  try {
    if (!memory) await mkdir(dataDir, { recursive: true });
    const db = await PGlite.create(memory ? undefined : path.resolve(dataDir));
    stack.push(() => db.close());
    const server = new PGLiteSocketServer({ db, host: HOST, port, maxConnections: MAX_CONNECTIONS });
    await server.start();
    stack.push(() => server.stop());
    const url = `postgresql://postgres@${server.getServerConn()}/postgres`;

    // Prisma Migrate needs a second, disposable database (PGlite cannot CREATE DATABASE). Creating
    // an in-memory PGlite costs ~3 s (it runs initdb), so start it only when something connects.
    const shadow = await startLazyShadow(() => PGlite.create(), PGLiteSocketServer);
    stack.push(shadow.stop);

    const description = memory
      ? "embedded PGlite (in memory)"
      : `embedded PGlite (${path.relative(process.cwd(), path.resolve(dataDir)) || "."})`;
    await writeLockInfo(dataDir, memory, url);
    return {
      url,
      shadowUrl: shadow.url,
      poolMax: POOL_MAX,
      description: `${description} at ${server.getServerConn()}`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A loopback port that starts an in-memory PGlite on first connection and forwards to it. */
async function startLazyShadow(createDb, PGLiteSocketServer) {
  let started;
  const sockets = new Set();
  const ensureStarted = () => {
    started ??= (async () => {
      const db = await createDb();
      const server = new PGLiteSocketServer({ db, host: HOST, port: 0, maxConnections: MAX_CONNECTIONS });
      await server.start();
      return { db, server, port: Number(server.getServerConn().split(":").pop()) };
    })();
    return started;
  };
  const proxy = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    ensureStarted().then(
      ({ port }) => {
        const upstream = net.connect(port, HOST);
        sockets.add(upstream);
        upstream.on("close", () => sockets.delete(upstream));
        upstream.on("error", () => client.destroy());
        client.pipe(upstream).pipe(client); // bytes sent before the connect are buffered
      },
      () => client.destroy(),
    );
  });
  await new Promise((resolve, reject) => proxy.once("error", reject).listen(0, HOST, resolve));
  const { port } = proxy.address();
  return {
    url: `postgresql://postgres@${HOST}:${port}/postgres`,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(() => resolve()));
      if (started) {
        const { db, server } = await started;
        await server.stop();
        await db.close();
      }
    },
  };
}

// Two PGlite instances on one data directory corrupt it, so hold a lock file next to it
// (`<dataDir>.lock`, holding the owner's pid and URL). A lock whose process is gone is stale.
async function lockDataDir(dir) {
  const lockPath = `${dir}.lock`;
  await mkdir(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(JSON.stringify({ pid: process.pid }));
      await handle.close();
      return async () => {
        const owner = await readLock(lockPath);
        if (owner?.pid === process.pid) await rm(lockPath, { force: true });
      };
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const owner = await readLock(lockPath);
      if (owner?.pid && isAlive(owner.pid)) {
        throw new Error(
          `The embedded database ${path.relative(process.cwd(), dir)} is in use by process ${owner.pid}` +
            (owner.url ? ` (serving ${owner.url})` : "") +
            ". Stop that process, or run your command with DATABASE_URL set to that URL.",
        );
      }
      await rm(lockPath, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

async function writeLockInfo(dataDir, memory, url) {
  if (memory) return;
  const lockPath = `${path.resolve(dataDir)}.lock`;
  await open(lockPath, "w").then(async (handle) => {
    await handle.writeFile(JSON.stringify({ pid: process.pid, url }));
    await handle.close();
  });
}

async function readLock(lockPath) {
  try {
    return JSON.parse(await readFile(lockPath, "utf8"));
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
