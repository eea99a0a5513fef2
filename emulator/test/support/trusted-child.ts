import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RunningEmulator } from "../../index";

const CLIENTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "clients");

/**
 * Runs a client scenario (msal-node, openid-client, the Graph client) in a child process that
 * trusts the emulator the way the app does: NODE_EXTRA_CA_CERTS, read once at start-up. The
 * test process itself cannot trust the CA after it started, and the clients must get no
 * emulator-specific options (agents, custom network clients) — only the instance URL and
 * knownAuthorities. The scenario prints one JSON line; the test asserts on it.
 */
export function runClientScenario<T>(
  scenario: string,
  emu: RunningEmulator,
  input: Record<string, unknown>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(CLIENTS_DIR, scenario)], {
      env: { ...process.env, ...emu.env(), SCENARIO_INPUT: JSON.stringify(input) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const last = stdout.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`${scenario} exited ${code}\n${stderr}\n${stdout}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${scenario} printed no JSON result\n${stderr}\n${stdout}`));
      }
    });
  });
}
