#!/usr/bin/env node
// Run a shell command with the local Entra ID emulator (emulator/) as its identity provider.
//
//   node scripts/with-emulator.mjs [--test-mode] "<shell command>"
//
// * ENTRA_INSTANCE already set (real Entra ID, another emulator, an outer with-emulator): the
//   command runs unchanged.
// * Otherwise: starts the emulator (HTTPS on 127.0.0.1; CA, certificate and signing keys kept in
//   .data/emulator/), runs the command with the variables below, stops the emulator and exits
//   with the command's exit code. SIGINT/SIGTERM are forwarded to the command.
//
// Variables given to the command:
//   NODE_EXTRA_CA_CERTS       a bundle: the file NODE_EXTRA_CA_CERTS named before (the system
//                             bundle here), plus the emulator's CA. Node reads it once at start-up.
//   ENTRA_INSTANCE            https://127.0.0.1:<port>, the instance (authority host) URL
//   ENTRA_KNOWN_AUTHORITY     127.0.0.1:<port>, msal's knownAuthorities entry
//   GRAPH_BASE_URL            https://127.0.0.1:<port>, the Graph subset (/v1.0/…); Graph client:
//                             baseUrl = this, customHosts = [its hostname]
//   AZURE_AD_CLIENT_ID        the Surveys web app (confidential client) …
//   AZURE_AD_CLIENT_SECRET    … and its secret
//   SURVEY_API_CLIENT_ID      the Survey API (resource + confidential client for on-behalf-of) …
//   SURVEY_API_CLIENT_SECRET  … and its secret
//   SURVEY_API_APP_ID_URI     api://surveys-api
//   SURVEY_API_SCOPE          api://surveys-api/Surveys.ReadWrite
//   ENTRA_EMULATOR_TEST_HOOKS https://127.0.0.1:<port>/__test (only with --test-mode)
//
// Emulator settings read from the environment: ENTRA_EMULATOR_PORT (default 8443; 0 = any free
// port), ENTRA_EMULATOR_TEST_MODE=1, ENTRA_EMULATOR_REDIRECT_URIS (comma-separated, added to the
// web app), ENTRA_EMULATOR_DATA_DIR, ENTRA_EMULATOR_SEED, ENTRA_EMULATOR_LOG_LEVEL (default warn).
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import { startEmulator, stopEmulator } from "./emulator-process.mjs";

const USAGE = 'usage: node scripts/with-emulator.mjs [--test-mode] "<shell command>"';

function say(message) {
  process.stderr.write(`with-emulator: ${message}\n`);
}

/**
 * `pid` and its descendants, children first (as in with-db.mjs): `sh -c` does not relay
 * signals, so signalling the shell alone would orphan the real process. Linux /proc only.
 */
function processTree(pid) {
  const childrenOf = new Map();
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), Number(entry)]);
      } catch {
        // the process exited while we looked
      }
    }
  } catch {
    return [pid];
  }
  const tree = [];
  const visit = (current) => {
    for (const child of childrenOf.get(current) ?? []) visit(child);
    tree.push(current);
  };
  visit(pid);
  return tree;
}

function run(command, env) {
  const child = spawn(command, { shell: true, stdio: "inherit", env });
  const forward = (signal) => {
    const underShell = processTree(child.pid).filter((pid) => pid !== child.pid);
    for (const pid of underShell.length > 0 ? underShell : [child.pid]) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    child.on("error", (error) => {
      say(`could not start the command: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const testMode = args[0] === "--test-mode" || process.env.ENTRA_EMULATOR_TEST_MODE === "1";
  const command = (args[0] === "--test-mode" ? args.slice(1) : args).join(" ").trim();
  if (command === "" || command.startsWith("--")) {
    say(USAGE);
    return 2;
  }
  if (process.env.ENTRA_INSTANCE) {
    say(`using ENTRA_INSTANCE (${process.env.ENTRA_INSTANCE})`);
    return run(command, process.env);
  }

  let interrupted;
  const onEarlySignal = (signal) => {
    interrupted = signal;
  };
  process.on("SIGINT", onEarlySignal);
  process.on("SIGTERM", onEarlySignal);
  let emulator;
  try {
    emulator = await startEmulator(testMode);
  } catch (error) {
    say(`could not start the Entra ID emulator: ${error.message}`);
    return 1;
  } finally {
    process.off("SIGINT", onEarlySignal);
    process.off("SIGTERM", onEarlySignal);
  }
  // If the emulator dies, the command would only see connection errors: say so once.
  const onEmulatorExit = (code) => say(`the emulator stopped unexpectedly (${code})`);
  emulator.process.on("exit", onEmulatorExit);
  try {
    if (interrupted) return 128 + constants.signals[interrupted];
    say(`Entra ID emulator on ${emulator.url} (portal: ${emulator.url}/portal)`);
    return await run(command, { ...process.env, ...emulator.env });
  } finally {
    emulator.process.off("exit", onEmulatorExit);
    await stopEmulator(emulator.process);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(error?.stack ?? String(error));
    process.exit(1);
  },
);
