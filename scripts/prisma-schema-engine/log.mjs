// Logging for the schema-engine shim.
//
// The Prisma CLI reads the engine's stderr as JSON lines shaped like the native engine's tracing
// output ({ timestamp, level, fields: { message, … }, target }):
//  * in the JSON-RPC session it keeps every `fields.message` and remembers the last ERROR line,
//    which it shows if the engine exits unexpectedly;
//  * for one-shot `cli …` commands it JSON.parse()s EVERY stderr line except the first one and
//    fails with "Could not parse schema engine response" on anything else.
// So nothing but JSON lines may ever reach stderr, including Node's own warnings.

const DEBUG = Boolean(process.env.PRISMA_SCHEMA_ENGINE_SHIM_DEBUG);

export function logLine(level, message, fields = {}, target = "schema_engine_shim") {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target };
  try {
    process.stderr.write(`${JSON.stringify(line)}\n`);
  } catch {
    // stderr is gone (the CLI closed its end); there is nobody left to tell.
  }
}

/** Verbose tracing of every adapter call, enabled with PRISMA_SCHEMA_ENGINE_SHIM_DEBUG=1. */
export function debug(message, fields) {
  if (DEBUG) logLine("DEBUG", message, fields);
}

/** The engine's own log callback hands us ready-made JSON lines (with a trailing newline). */
export function forwardEngineLog(jsonLines) {
  for (const line of String(jsonLines).split("\n")) {
    if (line.trim() === "") continue;
    try {
      process.stderr.write(`${line}\n`);
    } catch {
      return;
    }
  }
}

/**
 * Route Node's process warnings (deprecations etc.) through the JSON logger instead of the default
 * plain-text printer, and keep EPIPE on closed stdio from crashing the process.
 */
export function installProcessHooks() {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => logLine("WARN", `${warning.name}: ${warning.message}`));
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
}
