#!/usr/bin/env node
// `npm start`: the product on one machine. Validates the configuration, builds if the build is
// missing or older than the sources, provides the embedded database when DATABASE_URL is unset,
// applies migrations, starts the bundled Entra ID emulator unless ENTRA_INSTANCE names a real
// instance, serves on PORT (default 3000) and prints the URL and the demo sign-ins.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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
const url = process.env.NEXTAUTH_URL || `http://localhost:${port}`;
const usesEmulator = !process.env.ENTRA_INSTANCE;

/**
 * On the embedded defaults the session secret and the token-cache key are made once and kept in
 * .data/ (git-ignored), so restarts keep people signed in. Against a real Entra ID they must be
 * configured: the server refuses to start without them.
 */
function localSecrets() {
  const file = path.join(root, ".data", "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_CACHE_KEYS: `local:${randomBytes(32).toString("base64")}`,
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
const secrets = usesEmulator ? localSecrets() : {};
// The emulator's web app accepts the default port's callbacks; another PORT adds its own.
const redirectUris = ["/api/auth/callback/azure-ad", "/signup/callback", "/"].map((p) => `${url}${p}`);
const serve = `node scripts/with-db.mjs "prisma migrate deploy && next start --port ${port}"`;
const child = spawn(process.execPath, [path.join(root, "scripts", "with-emulator.mjs"), serve], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...childEnv,
    NEXTAUTH_URL: url,
    ...secrets,
    ...(process.env.NEXTAUTH_SECRET ? { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET } : {}),
    ...(process.env.TOKEN_CACHE_KEYS ? { TOKEN_CACHE_KEYS: process.env.TOKEN_CACHE_KEYS } : {}),
    ENTRA_EMULATOR_REDIRECT_URIS: process.env.ENTRA_EMULATOR_REDIRECT_URIS ?? redirectUris.join(","),
    PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** The seeded people a newcomer can sign in as (emulator/directory.seed.json), one line each. */
function demoSignIns() {
  const seed = JSON.parse(readFileSync(path.join(root, "emulator", "directory.seed.json"), "utf8"));
  const lines = [];
  for (const tenant of seed.tenants) {
    if (tenant.kind === "consumers") continue;
    const roles = new Map((tenant.appRoleAssignments ?? []).map((a) => [a.user, a.role]));
    const enrolled = (tenant.consentedApps ?? []).includes("surveys-web");
    for (const user of tenant.users) {
      const role = roles.get(user.userPrincipalName) ?? "reader";
      const note = user.admin ? `${role}, tenant admin` : role;
      lines.push(`    ${user.userPrincipalName.padEnd(30)} ${tenant.displayName.padEnd(18)} ${note}`);
    }
    if (!enrolled) lines.push(`    (${tenant.displayName} has not signed up yet: try "Sign up your organization")`);
  }
  return lines.join("\n");
}

// Tell a newcomer where to go once the server answers.
const deadline = Date.now() + 120_000;
(async function announceWhenReady() {
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) {
        const signIns = usesEmulator
          ? `\n  Sign in with the bundled Entra ID emulator (no passwords; pick a person):\n${demoSignIns()}\n`
          : "";
        console.log(`\n  Surveys is ready at ${url}\n${signIns}`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
})();
