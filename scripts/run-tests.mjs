#!/usr/bin/env node
// Runs node:test over TypeScript test files (through tsx). Node 20's `--test` has no glob
// support and only discovers *.js files, so discovery lives here.
//
//   node scripts/run-tests.mjs unit         every *.test.ts except *.int.test.ts
//   node scripts/run-tests.mjs integration  every *.int.test.ts (needs DATABASE_URL; see with-db.mjs)
//   extra arguments narrow the run to paths containing one of them
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const ROOTS = ["lib", "app", "emulator", "scripts", "test"];
const SKIP = new Set(["node_modules", ".next", ".data", "generated"]);

const [tier, ...filters] = process.argv.slice(2);
if (tier !== "unit" && tier !== "integration") {
  console.error("usage: run-tests.mjs unit|integration [path-filter…]");
  process.exit(2);
}

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

const isIntegration = (file) => /\.int\.test\.tsx?$/.test(file);
const files = ROOTS.flatMap((root) => [...walk(root)])
  .filter((file) => /\.test\.tsx?$/.test(file))
  .filter((file) => (tier === "integration" ? isIntegration(file) : !isIntegration(file)))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  console.error(`no ${tier} test files found`);
  process.exit(1);
}

// react-server: lets lib modules marked `import "server-only"` load outside Next.js.
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--conditions=react-server", "--test", "--test-concurrency=1", ...files],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
