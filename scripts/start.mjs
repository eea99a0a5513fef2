#!/usr/bin/env node
// `npm start`: the product on one machine. Validates the configuration, builds if the build is
// missing or older than the sources, provides the embedded database when DATABASE_URL is unset,
// applies migrations and serves on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
// Read .env here (Node's own loader; set variables win) so every step below sees the same
// configuration, not only the Next.js server.
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: childEnv });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(full)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const sources = ["app", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json"];
  const builtAt = statSync(buildId).mtimeMs;
  return sources.some((entry) => newestMtime(entry) > builtAt);
}

run(process.execPath, ["--import", "tsx", "scripts/check-env.ts"]);
if (!existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) run(bin("prisma"), ["generate"]);
if (buildIsStale()) {
  console.log("Building Surveys (first start, or the sources changed)…");
  run(bin("next"), ["build"]);
}

const port = process.env.PORT || "3000";
const serve = `prisma migrate deploy && next start --port ${port}`;
const child = spawn(process.execPath, [path.join(root, "scripts", "with-db.mjs"), serve], {
  cwd: root,
  stdio: "inherit",
  env: { ...childEnv, PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}` },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Tell a newcomer where to go once the server answers.
const url = `http://localhost:${port}`;
const deadline = Date.now() + 120_000;
(async function announceWhenReady() {
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) {
        console.log(`\n  Surveys is ready at ${url}\n`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
})();
