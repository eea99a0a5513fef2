#!/usr/bin/env node
// Run a shell command with a database.
//
//   node scripts/with-db.mjs [--memory] "<shell command>"
//
// * DATABASE_URL set (CI, production, a local PostgreSQL): the command runs unchanged.
// * Otherwise: starts an embedded PGlite (persisted in .data/pglite/, or in memory with --memory)
//   plus a disposable shadow database for Prisma Migrate, runs the command with DATABASE_URL,
//   SHADOW_DATABASE_URL and DATABASE_POOL_MAX set, stops the database and exits with the
//   command's exit code. SIGINT/SIGTERM are forwarded to the command.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedDb } from "./embedded-db.mjs";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATA_DIR = path.join(REPO_ROOT, ".data/pglite");
const USAGE = 'usage: node scripts/with-db.mjs [--memory] "<shell command>"';

function say(message) {
  process.stderr.write(`with-db: ${message}\n`);
}

/** The URL without its password, for display. */
function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * `pid` and all its descendants, children first. The command runs under `sh -c`, and dash neither
 * execs the command nor relays signals to it, so signalling only the shell would orphan the real
 * process (e.g. `next start` keeps running while its database is stopped). Linux /proc only;
 * elsewhere just `pid`.
 */
function processTree(pid) {
  const childrenOf = new Map();
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]); // "pid (comm) state ppid …"
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
  // Note: Ctrl-C in a terminal already reaches every process of the foreground group; the
  // forwarded copy matters for signals sent to this process alone (kill, process managers).
  // Signal what runs under the shell, not the shell itself, so that the shell reports the
  // command's own exit code (and `a && b` stops after `a`); a shell with no child gets it directly.
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
      // Like a shell: 128 + signal number when the command was killed by a signal.
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const memory = args[0] === "--memory";
  const command = (memory ? args.slice(1) : args).join(" ").trim();
  if (command === "" || command.startsWith("--")) {
    say(USAGE);
    return 2;
  }

  if (process.env.DATABASE_URL) {
    say(`using DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
    return run(command, process.env);
  }

  // Signals that arrive while the database starts: remember them, stop, and do not run the command.
  let interrupted;
  const onEarlySignal = (signal) => {
    interrupted = signal;
  };
  process.on("SIGINT", onEarlySignal);
  process.on("SIGTERM", onEarlySignal);
  let db;
  try {
    db = await startEmbeddedDb(memory ? { memory: true } : { dataDir: DATA_DIR });
  } catch (error) {
    say(`could not start the embedded database: ${error.message}`);
    return 1;
  } finally {
    process.off("SIGINT", onEarlySignal);
    process.off("SIGTERM", onEarlySignal);
  }
  try {
    if (interrupted) return 128 + constants.signals[interrupted];
    say(`using ${db.description} (pool max ${db.poolMax})`);
    return await run(command, {
      ...process.env,
      DATABASE_URL: db.url,
      SHADOW_DATABASE_URL: db.shadowUrl,
      DATABASE_POOL_MAX: String(db.poolMax),
    });
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(error?.stack ?? String(error));
    process.exit(1);
  },
);
