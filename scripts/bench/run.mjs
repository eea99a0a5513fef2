#!/usr/bin/env node
// npm run bench: the production build under load from a separate process on loopback, once on the
// local PostgreSQL and once on the embedded PGlite, each figure next to the baseline measured by the
// same server in the same run (GET /api/ping: the framework's floor on this machine). Prints a
// table and writes JSON to .bench/ (git-ignored). Bounded: BENCH_SECONDS (default 8) per scenario.
//   npm run bench [-- --build] [-- --only postgres|pglite]
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printReport } from "./report.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = path.join(ROOT, ".bench");
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const port = Number(process.env.BENCH_PORT ?? 3200);
const bin = (name) => path.join(ROOT, "node_modules/.bin", name);

function sh(command, env) {
  const result = spawnSync(command, { shell: true, stdio: "inherit", cwd: ROOT, env });
  if (result.status !== 0) throw new Error(`failed (${result.status}): ${command}`);
}

const started = Date.now();
const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PATH: `${path.join(ROOT, "node_modules/.bin")}:${process.env.PATH}`,
};
if (args.includes("--build") || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
  sh(`${bin("prisma")} generate && ${bin("next")} build`, baseEnv);
}
mkdirSync(OUT, { recursive: true });

const columns = [
  { label: "postgres", wrapper: "node scripts/with-test-postgres.mjs" },
  { label: "pglite", wrapper: "node scripts/with-db.mjs --memory" },
].filter((c) => !only || c.label === only);

const figures = [];
for (const column of columns) {
  const out = path.join(OUT, `${column.label}.json`);
  const env = {
    ...baseEnv,
    BENCH_PORT: String(port),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_CACHE_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    ENTRA_EMULATOR_PORT: "0",
    ENTRA_EMULATOR_REDIRECT_URIS: `http://localhost:${port}/api/auth/callback/azure-ad`,
    LOG_LEVEL: "warn",
  };
  // Each column gets its own emulator and database; nothing from the shell decides them.
  for (const name of ["DATABASE_URL", "REDIS_URL", "ENTRA_INSTANCE", "ENTRA_EMULATOR_TEST_HOOKS"]) delete env[name];
  console.error(`\n━━ bench: ${column.label}`);
  const inner = `prisma migrate deploy >/dev/null && node --import tsx --conditions=react-server scripts/bench/column.ts ${column.label} ${out}`;
  sh(`node scripts/with-emulator.mjs --test-mode '${column.wrapper} "${inner}"'`, env);
  figures.push(JSON.parse(readFileSync(out, "utf8")));
}

const report = { at: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), columns: figures };
const file = path.join(OUT, `bench-${report.at.replaceAll(":", "-")}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
printReport(report);
console.log(`\nJSON: ${path.relative(ROOT, file)} (${report.seconds} s in all)`);
