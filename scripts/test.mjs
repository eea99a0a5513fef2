#!/usr/bin/env node
// `npm test`: every check and every test tier, in order, stopping at the first failure.
//   npm test                 all tiers
//   npm test -- unit e2e     only the named tiers (in the order below)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
  // Throwaway secrets for this run: sessions and the token cache of tests never outlive it.
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || randomBytes(32).toString("base64url"),
  TOKEN_CACHE_KEYS: process.env.TOKEN_CACHE_KEYS || `test:${randomBytes(32).toString("base64")}`,
  // Any free port: a running `npm start` keeps its emulator on 8443.
  ENTRA_EMULATOR_PORT: process.env.ENTRA_EMULATOR_PORT || "0",
};

// The integration tier runs against the real database and the emulator in test mode (its
// variables, CA bundle included, reach the tests through the environment).
const withEmulator = (command) => `node scripts/with-emulator.mjs --test-mode '${command}'`;

const tiers = [
  ["generate", "prisma generate"],
  ["lint", "biome ci ."],
  ["typecheck", "tsc --noEmit"],
  ["unit", "node scripts/run-tests.mjs unit"],
  ["migrations", "node --import tsx --test test/migrations.smoke.ts"],
  [
    "integration:pglite",
    withEmulator('node scripts/with-db.mjs --memory "prisma migrate deploy && node scripts/run-tests.mjs integration"'),
  ],
  [
    "integration:postgres",
    withEmulator(
      'node scripts/with-test-postgres.mjs "prisma migrate deploy && node scripts/run-tests.mjs integration"',
    ),
  ],
  ["build", "next build"],
  [
    "scale-out",
    // Two instances of the build on ports 3300 and 3301, one throwaway PostgreSQL database, Redis.
    `REDIS_URL=${process.env.REDIS_URL || "redis://127.0.0.1:6379"} ENTRA_EMULATOR_REDIRECT_URIS=http://localhost:3300/api/auth/callback/azure-ad ${withEmulator(
      'node scripts/with-test-postgres.mjs "prisma migrate deploy >/dev/null && node --import tsx --conditions=react-server --test test/scale-out.smoke.ts"',
    )}`,
  ],
  [
    "resilience",
    // PostgreSQL and Redis behind fault relays, an emulator the test stops and starts, the app
    // killed mid-burst; port 3400 for the app, 8643 for its emulator.
    `REDIS_URL=${process.env.REDIS_URL || "redis://127.0.0.1:6379"} ${withEmulator(
      'node scripts/with-test-postgres.mjs "prisma migrate deploy >/dev/null && node --import tsx --conditions=react-server --test test/resilience.smoke.ts"',
    )}`,
  ],
  ["e2e", "playwright test"],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !tiers.some(([tier]) => tier === name || tier.startsWith(`${name}:`)));
if (unknown.length > 0) {
  console.error(`unknown tier(s): ${unknown.join(", ")}; tiers: ${tiers.map(([t]) => t).join(", ")}`);
  process.exit(2);
}
const selected = tiers.filter(
  ([tier]) => wanted.length === 0 || wanted.some((name) => tier === name || tier.startsWith(`${name}:`)),
);

const timings = [];
for (const [tier, command] of selected) {
  console.log(`\n━━ ${tier}: ${command}`);
  const started = Date.now();
  const result = spawnSync(command, { cwd: root, env, shell: true, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${tier} ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${tier} failed (exit ${result.status ?? result.signal}) after ${seconds}s`);
    console.error(`  timings: ${timings.join(", ")}`);
    process.exit(result.status || 1);
  }
}
console.log(`\n✓ all ${selected.length} tiers passed — ${timings.join(", ")}`);
