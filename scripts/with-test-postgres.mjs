#!/usr/bin/env node
// Runs a shell command against a throwaway database on the real PostgreSQL server, then drops it.
//   node scripts/with-test-postgres.mjs "<shell command>"
// The server comes from TEST_POSTGRES_URL (default: the local PostgreSQL every machine here runs).
// Its absence is a failure, not a skip: the integration tier must prove both backends.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";

const command = process.argv[2];
if (!command) {
  console.error('usage: with-test-postgres.mjs "<shell command>"');
  process.exit(2);
}

const adminUrl = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const database = `surveys_test_${randomBytes(6).toString("hex")}`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

try {
  await admin(`CREATE DATABASE "${database}"`);
} catch (error) {
  console.error(`cannot create a test database on PostgreSQL at ${adminUrl.host}: ${error.message}`);
  process.exit(1);
}

const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${database}`;
console.log(`database: PostgreSQL ${adminUrl.host}, throwaway database ${database}`);

const child = spawn(command, {
  shell: true,
  stdio: "inherit",
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    PATH: `${path.resolve(import.meta.dirname, "..", "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`,
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))));

try {
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
} catch (error) {
  console.error(`could not drop ${database}: ${error.message}`);
}
process.exit(code);
