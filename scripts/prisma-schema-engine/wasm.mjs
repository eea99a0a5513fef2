// Loading @prisma/schema-engine-wasm by hand and turning its failures into JSON-RPC errors.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { forwardEngineLog } from "./log.mjs";

const require = createRequire(import.meta.url);

// The wasm panic hook reports the panic message through this global before the wasm traps with
// "unreachable". Without it the hook itself crashes with "TypeError: Cannot read properties of
// undefined (reading 'set_message')" and the real reason is lost.
let lastPanicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message(message) {
    lastPanicMessage = message;
  },
};

let runtimePromise;

/**
 * The package is generated with wasm-bindgen's "bundler" target (`import * as wasm from "….wasm"`),
 * which Node 20 cannot import. Instantiate the .wasm ourselves and hand it to the JS glue.
 * Instantiate once per process: the glue keeps module-level state.
 */
export function loadRuntime() {
  runtimePromise ??= (async () => {
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const runtime = await import(gluePath);
    const bytes = await readFile(gluePath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": runtime });
    runtime.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return runtime;
  })();
  return runtimePromise;
}

export async function wasmVersion() {
  return (await loadRuntime()).version();
}

/**
 * @param {[string, string][] | undefined} datamodels [path, content] pairs. Must be `undefined`
 *   when there is no schema: an empty array makes the engine panic (RuntimeError: unreachable).
 * @param adapterFactory a bound migration-aware adapter factory. Note the engine connects and
 *   queries the database already here, not lazily like the native engine.
 */
export async function createEngine(datamodels, adapterFactory) {
  const runtime = await loadRuntime();
  return runtime.SchemaEngine.new({ datamodels }, forwardEngineLog, adapterFactory);
}

/**
 * Describe an error thrown by the engine (or by us) as the `data` of a JSON-RPC error, in the shape
 * the CLI expects: { is_panic, message, error_code?, meta? }.
 */
export function describeError(error, errorRegistry) {
  const panicMessage = lastPanicMessage;
  lastPanicMessage = undefined;
  if (panicMessage !== undefined || error instanceof WebAssembly.RuntimeError) {
    return {
      is_panic: true,
      message: panicMessage ?? String(error?.message ?? error),
      error_code: null,
      meta: null,
    };
  }
  return {
    is_panic: false,
    message: resolveExternalErrors(String(error?.message ?? error), errorRegistry),
    error_code: typeof error?.code === "string" && /^P\d{4}$/.test(error.code) ? error.code : null,
    meta: error?.meta ?? null,
  };
}

// Errors thrown by JS adapter code (other than DriverAdapterError) are parked in the factory's
// error registry and reach the engine only as "External error id#N"; put the real message back.
function resolveExternalErrors(message, errorRegistry) {
  return message.replace(/External error id#(\d+)/g, (text, id) => {
    const entry = errorRegistry?.consumeError(Number(id));
    if (!entry) return text;
    const original = entry.error;
    return original instanceof Error ? original.message : String(original);
  });
}
