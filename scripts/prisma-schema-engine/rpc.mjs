// The long-running mode: line-delimited JSON-RPC 2.0 over stdio, as spoken by the Prisma CLI's
// SchemaEngineCLI class (prisma 7.10.1, build/cli.js). Requests arrive on stdin, responses leave on
// stdout (one JSON object per line, nothing else on stdout), logs go to stderr as JSON lines.
import { readFile } from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { format } from "node:util";
import { cleanupShadowDatabases, createAdapterFactory } from "./adapter.mjs";
import { debug, logLine } from "./log.mjs";
import { createDatabase, probeConnection } from "./postgres.mjs";
import { createEngine, describeError } from "./wasm.mjs";

// Methods the CLI calls that map 1:1 onto the wasm SchemaEngine (same name, same params).
const PASSTHROUGH_METHODS = [
  "applyMigrations",
  "dbExecute",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
];

// JSON-RPC error code the native engine uses for all engine errors; the CLI reads `data`.
const ENGINE_ERROR_CODE = 4466;
const PANIC_EXIT_CODE = 101;

export async function runRpcSession({ datamodelPaths, datasource }) {
  // stdout carries the protocol; keep stray console output of dependencies off it.
  for (const method of ["log", "info", "debug", "warn", "error"]) {
    console[method] = (...args) => logLine(method === "error" ? "ERROR" : "INFO", format(...args));
  }

  const adapterFactory = createAdapterFactory(datasource);
  let enginePromise;
  const engine = () => {
    enginePromise ??= startEngine(datamodelPaths, adapterFactory, datasource).catch((error) => {
      enginePromise = undefined; // let a later request retry (e.g. after createDatabase)
      throw error;
    });
    return enginePromise;
  };

  const pendingPrints = new Map();
  let nextPrintId = 1;
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

  // The native engine does not return `diff` output: it asks the CLI to print it with a `print`
  // request and waits for the acknowledgement.
  const printToCli = (content) =>
    new Promise((resolve) => {
      const id = nextPrintId++;
      pendingPrints.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  // Call engine methods on the instance (`engine[name](…)`): the wasm glue needs `this`.
  const handlers = {
    ...Object.fromEntries(PASSTHROUGH_METHODS.map((name) => [name, async (params) => (await engine())[name](params)])),
    getDatabaseVersion: async (params) => (await engine()).version(params),
    evaluateDataLoss: async (params) => withWarmMigrationSchemaCache(await engine(), "evaluateDataLoss", params),
    createMigration: async (params) => withWarmMigrationSchemaCache(await engine(), "createMigration", params),
    diff: async (params) => {
      const result = await (await engine()).diff(params);
      if (result.stdout) await printToCli(result.stdout.replace(/\n$/, "")); // the CLI appends "\n"
      return { ...result, stdout: null };
    },
    // Not in the wasm engine; the CLI uses `cli create-database` for this, but keep parity.
    createDatabase: async (params) => ({
      databaseName: await createDatabase(params?.datasource?.url ?? datasource.url),
    }),
    debugPanic: async () => (await engine()).debugPanic(),
  };

  let current; // the request being handled, if any
  function fail(request, error) {
    debug("engine error", { method: request?.method, name: error?.name, code: error?.code, stack: error?.stack });
    const data = describeError(error, adapterFactory.errorRegistry);
    logLine("ERROR", data.message, { error_code: data.error_code, method: request?.method }, "schema_engine::logger");
    if (request)
      send({ jsonrpc: "2.0", id: request.id, error: { code: ENGINE_ERROR_CODE, message: data.message, data } });
    return data;
  }

  async function handleRequest(request) {
    const { id, method, params } = request;
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (!handler) {
      const message = `Method not found: ${method} (not supported by the wasm schema engine shim)`;
      logLine("ERROR", message, {}, "schema_engine::logger");
      send({ jsonrpc: "2.0", id, error: { code: -32601, message } });
      return;
    }
    current = request;
    try {
      const result = await handler(params);
      send({ jsonrpc: "2.0", id, result: result ?? {} });
    } catch (error) {
      // After a panic the wasm instance is in an undefined state; the native engine dies too.
      if (fail(request, error).is_panic) await shutdown(PANIC_EXIT_CODE);
    } finally {
      current = undefined;
    }
  }

  // A wasm panic inside an async continuation does not reject the awaited call: it surfaces as an
  // uncaught "RuntimeError: unreachable". Answer the pending request with the panic message
  // instead of dying with a bare exit code 1 (which the CLI shows as "Error in Schema engine").
  const onFatal = (error) => {
    const data = fail(current, error);
    current = undefined;
    shutdown(data.is_panic ? PANIC_EXIT_CODE : 1);
  };
  process.on("uncaughtException", onFatal);
  process.on("unhandledRejection", onFatal);

  let queue = Promise.resolve();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  input.on("line", (line) => {
    if (line.trim() === "") return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      logLine("ERROR", `Ignoring a stdin line that is not JSON: ${line.slice(0, 200)}`);
      return;
    }
    if (typeof message.method === "string") {
      // One request at a time: the engine instance is not re-entrant.
      queue = queue.then(() => handleRequest(message));
    } else if (pendingPrints.has(message.id)) {
      pendingPrints.get(message.id)();
      pendingPrints.delete(message.id);
    }
  });
  input.on("close", () => queue.then(() => shutdown(0)));
  // The CLI's stop() closes stdin and sends SIGTERM right away (0 ms timeout on non-Windows).
  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => shutdown(0));
}

let shuttingDown;
function shutdown(code) {
  shuttingDown ??= (async () => {
    await cleanupShadowDatabases().catch(() => {});
    process.exit(code);
  })();
  return shuttingDown;
}

// Upstream bug 6 (schema-engine-wasm 8.1.0-2.59be4fda): evaluateDataLoss and createMigration are
// not given the adapter factory, so they cannot open a shadow database. They only work when the
// schema of the migration history is already in the engine's per-session cache, which
// devDiagnostic fills for the migrations that were applied at that moment. `migrate dev` with a
// pending migration (e.g. one pulled from git, or made with --create-only) applies it first, the
// cache misses, and the command fails with "PostgreSQL shadow DB must be provided through an
// external factory". Fill the cache through diagnoseMigrationHistory, which does get the factory
// (all listed migrations are applied by then, so its cache key matches), and retry once.
const SHADOW_CACHE_MISS = /shadow DB must be provided through an external factory/;

async function withWarmMigrationSchemaCache(instance, method, params) {
  try {
    return await instance[method](params);
  } catch (error) {
    if (!SHADOW_CACHE_MISS.test(String(error?.message))) throw error;
    debug(`${method}: migration schema cache miss, warming it via diagnoseMigrationHistory (upstream bug 6)`);
    await instance.diagnoseMigrationHistory({
      migrationsList: params.migrationsList,
      optInToShadowDatabase: true,
      filters: params.filters,
    });
    return instance[method](params);
  }
}

async function startEngine(datamodelPaths, adapterFactory, datasource) {
  const datamodels =
    datamodelPaths.length === 0
      ? undefined // an empty array panics the engine (see wasm.mjs)
      : await Promise.all(datamodelPaths.map(async (file) => [file, await readFile(path.resolve(file), "utf8")]));
  try {
    return await createEngine(datamodels, adapterFactory);
  } catch (error) {
    // Construction already connects, and its errors carry no Prisma error code; probe the
    // connection ourselves to report e.g. P1001/P1003 like the native engine.
    const problem = datasource.url ? await probeConnection(datasource.url).catch(() => null) : null;
    if (problem?.code) throw Object.assign(new Error(problem.message), { code: problem.code });
    throw error;
  }
}
