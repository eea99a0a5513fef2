// The Entra ID emulator (emulator/main.ts) as a child process: started, awaited until it reports
// ready, stopped. Used by scripts/with-emulator.mjs and by tests that take the identity provider
// down and bring it back (test/resilience.smoke.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const START_TIMEOUT_MS = 30_000;

/** Starts emulator/main.ts and waits for its one-line JSON "ready" report on stdout. */
export function startEmulator(testMode, env = process.env) {
  const emulator = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "emulator", "main.ts")], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...env,
      ENTRA_EMULATOR_LOG_LEVEL: env.ENTRA_EMULATOR_LOG_LEVEL ?? "warn",
      ...(testMode ? { ENTRA_EMULATOR_TEST_MODE: "1" } : {}),
    },
  });
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(() => {
      emulator.kill("SIGTERM");
      reject(new Error(`no ready report within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      emulator.stdout.off("data", onData);
      emulator.stdout.resume();
      try {
        const report = JSON.parse(buffer.slice(0, newline));
        resolve({ process: emulator, url: report.url, env: report.env });
      } catch {
        emulator.kill("SIGTERM");
        reject(new Error(`unexpected output: ${buffer.slice(0, newline)}`));
      }
    };
    emulator.stdout.on("data", onData);
    emulator.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}) before it was ready`));
    });
  });
}

export function stopEmulator(emulator) {
  if (emulator.exitCode !== null || emulator.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => emulator.kill("SIGKILL"), 5000);
    emulator.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    emulator.kill("SIGTERM");
  });
}
