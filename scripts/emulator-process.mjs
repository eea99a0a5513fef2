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
    // Its log lines share stdout with the ready report: they go on to our stderr, before the
    // report and after it.
    let ready = false;
    const onData = (chunk) => {
      buffer += chunk.toString();
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
        if (ready || !line.startsWith('{"ready":true')) {
          process.stderr.write(`${line}\n`);
          continue;
        }
        ready = true;
        clearTimeout(timer);
        try {
          const report = JSON.parse(line);
          resolve({ process: emulator, url: report.url, env: report.env });
        } catch {
          emulator.kill("SIGTERM");
          reject(new Error(`unexpected output: ${line}`));
        }
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
