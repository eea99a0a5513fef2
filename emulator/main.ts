/**
 * The emulator as a process: `node --import tsx emulator/main.ts [--port 8443] [--test-mode]`.
 * Prints one JSON line on stdout when ready ({"ready":true,"url":…,"env":{…}}), which is what
 * scripts/with-emulator.mjs waits for; logs go to stderr.
 *
 * Environment (flags win): ENTRA_EMULATOR_PORT, ENTRA_EMULATOR_HOST, ENTRA_EMULATOR_PUBLIC_HOST,
 * ENTRA_EMULATOR_DATA_DIR, ENTRA_EMULATOR_SEED, ENTRA_EMULATOR_TEST_MODE=1,
 * ENTRA_EMULATOR_REDIRECT_URIS (comma-separated, added to the web app), ENTRA_EMULATOR_LOG_LEVEL.
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./index";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "public-host": { type: "string" },
    "data-dir": { type: "string" },
    seed: { type: "string" },
    "test-mode": { type: "boolean" },
    "redirect-uri": { type: "string", multiple: true },
    "log-level": { type: "string" },
  },
});

const env = process.env;
const portText = values.port ?? env.ENTRA_EMULATOR_PORT ?? "8443";
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`entra emulator: invalid port '${portText}'`);
  process.exit(2);
}
const logLevel = values["log-level"] ?? env.ENTRA_EMULATOR_LOG_LEVEL ?? "info";
if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(logLevel)) {
  console.error(`entra emulator: invalid log level '${logLevel}'`);
  process.exit(2);
}

try {
  const emulator = await startEmulator({
    port,
    host: values.host ?? env.ENTRA_EMULATOR_HOST,
    publicHost: values["public-host"] ?? env.ENTRA_EMULATOR_PUBLIC_HOST,
    dataDir: values["data-dir"] ?? env.ENTRA_EMULATOR_DATA_DIR,
    seedFile: values.seed ?? env.ENTRA_EMULATOR_SEED,
    testMode: values["test-mode"] ?? env.ENTRA_EMULATOR_TEST_MODE === "1",
    redirectUris: [
      ...(values["redirect-uri"] ?? []),
      ...(env.ENTRA_EMULATOR_REDIRECT_URIS ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ],
    logLevel: logLevel as "info",
  });
  process.stdout.write(`${JSON.stringify({ ready: true, url: emulator.url, env: emulator.env() })}\n`);
  // scripts/with-emulator.mjs announces the URL itself; a person at a terminal gets it here.
  if (process.stdout.isTTY) console.error(`Entra ID emulator on ${emulator.url} (portal: ${emulator.url}/portal)`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("disconnect", stop);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`entra emulator: could not start: ${message}`);
  process.exit(1);
}
