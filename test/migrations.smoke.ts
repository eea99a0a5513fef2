// Smoke test of the offline migration path: the stock Prisma 7.10.1 CLI with
// PRISMA_SCHEMA_ENGINE_BINARY pointing at scripts/prisma-schema-engine.mjs, on BOTH backends:
// an embedded PGlite (scripts/embedded-db.mjs) and the real PostgreSQL server.
//
//   node --import tsx --test test/migrations.smoke.ts
//
// PostgreSQL admin URL: TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
// The test fails, and does not skip, when PostgreSQL is unreachable. It works in a temporary
// directory with its own schema and prisma.config.ts, never in the repo's prisma/ folder, and
// drops every database it creates. Re-run it after upgrading prisma or any @prisma/* package.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedDb } from "../scripts/embedded-db.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PRISMA_BIN = path.join(REPO, "node_modules/.bin/prisma");
const ENGINE = path.join(REPO, "scripts/prisma-schema-engine.mjs");
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const COMMAND_TIMEOUT_MS = 30_000;

// Anything that would mean the CLI tried to fetch the native engine.
const DOWNLOAD_ATTEMPT = /binaries\.prisma\.sh|ENOTFOUND|Downloading Prisma engines|schema-engine\.gz/i;

const SCHEMA_V1 = `datasource db {
  provider = "postgresql"
}

enum Role {
  USER
  ADMIN
}

model Account {
  id    Int    @id @default(autoincrement())
  email String @unique
  role  Role   @default(USER)
}
`;

// v2 adds a model, an index and an enum value.
const SCHEMA_V2 = SCHEMA_V1.replace("  ADMIN\n", "  ADMIN\n  OWNER\n").concat(`
model Note {
  id        Int    @id @default(autoincrement())
  title     String
  accountId Int

  @@index([title])
}
`);

// Hand-written SQL appended to the second migration: a dollar-quoted body full of semicolons,
// which adapter-pg's own executeScript() would split apart.
const FUNCTION_SQL = `
CREATE FUNCTION "note_title_upper"() RETURNS trigger AS $$
BEGIN
  NEW."title" := upper(NEW."title");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
`;

const CONFIG = `import { defineConfig } from "prisma/config";
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL },
});
`;

interface RunResult {
  code: number | null;
  output: string;
  ms: number;
}

interface Backend {
  name: string;
  /** Main database (PostgreSQL: not created yet, `migrate dev` must create it). */
  url: string;
  /** A second, empty database for `migrate deploy`. */
  freshUrl: string;
  /** PGlite needs an explicit shadow database; PostgreSQL uses a temporary one. */
  shadowUrl?: string;
  teardown(): Promise<void>;
}

const timings: string[] = [];

async function makeProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "prisma-smoke-"));
  await mkdir(path.join(dir, "prisma"));
  // The temp config imports "prisma/config": resolve it from the repo's node_modules.
  await symlink(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
  await writeFile(path.join(dir, "package.json"), '{ "type": "module" }\n');
  await writeFile(path.join(dir, "prisma.config.ts"), CONFIG);
  await writeFile(path.join(dir, "prisma/schema.prisma"), SCHEMA_V1);
  return dir;
}

function prisma(backend: Backend, cwd: string, args: string[], url = backend.url): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: ENGINE,
    DATABASE_URL: url,
    CHECKPOINT_DISABLE: "1", // no update check over the network
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  delete env.SHADOW_DATABASE_URL;
  if (backend.shadowUrl) env.SHADOW_DATABASE_URL = backend.shadowUrl;
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(PRISMA_BIN, args, { cwd, env, timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
      const ms = Math.round(performance.now() - started);
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      timings.push(`${backend.name.padEnd(10)} ${String(ms).padStart(5)} ms  prisma ${args.join(" ")}`);
      resolve({ code, output: `${stdout}\n${stderr}`, ms });
    });
  });
}

async function expectSuccess(backend: Backend, cwd: string, args: string[], url?: string): Promise<string> {
  const result = await prisma(backend, cwd, args, url);
  assert.doesNotMatch(result.output, DOWNLOAD_ATTEMPT, "the CLI tried to download the native engine");
  assert.equal(result.code, 0, `prisma ${args.join(" ")} failed:\n${result.output}`);
  return result.output;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function migrationNames(cwd: string): Promise<string[]> {
  const entries = await readdir(path.join(cwd, "prisma/migrations"), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function startPglite(): Promise<Backend> {
  const [main, fresh] = await Promise.all([startEmbeddedDb({ memory: true }), startEmbeddedDb({ memory: true })]);
  return {
    name: "PGlite",
    url: main.url,
    freshUrl: fresh.url,
    shadowUrl: main.shadowUrl,
    async teardown() {
      await Promise.all([main.stop(), fresh.stop()]);
    },
  };
}

async function startPostgres(): Promise<Backend> {
  try {
    await query(ADMIN_URL, "SELECT 1");
  } catch (error) {
    throw new Error(`PostgreSQL is unreachable at TEST_POSTGRES_URL (${new URL(ADMIN_URL).host}): ${error}`);
  }
  const prefix = `prisma_smoke_${randomBytes(4).toString("hex")}`;
  const freshName = `${prefix}_fresh`;
  await query(ADMIN_URL, `CREATE DATABASE "${freshName}"`);
  return {
    name: "PostgreSQL",
    url: withDatabase(ADMIN_URL, prefix),
    freshUrl: withDatabase(ADMIN_URL, freshName),
    async teardown() {
      for (const name of [prefix, freshName]) await query(ADMIN_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const left = await query<{ datname: string }>(
        ADMIN_URL,
        "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE 'prisma_migrate_shadow_db_%'",
        [`${prefix}%`],
      );
      assert.deepEqual(left, [], "databases left behind");
    },
  };
}

for (const [label, start] of [
  ["PGlite (embedded)", startPglite],
  ["PostgreSQL", startPostgres],
] as const) {
  describe(`migrations on ${label}`, () => {
    let backend: Backend;
    let cwd: string;

    before(async () => {
      backend = await start();
      cwd = await makeProject();
    });

    after(async () => {
      await backend?.teardown();
      if (cwd) await rm(cwd, { recursive: true, force: true });
    });

    test("migrate dev --name init creates and applies the first migration", async () => {
      const output = await expectSuccess(backend, cwd, ["migrate", "dev", "--name", "init"]);
      assert.match(output, /in sync with your schema/);
      const [init] = await migrationNames(cwd);
      assert.match(init ?? "", /_init$/);
      const sql = await readFile(path.join(cwd, "prisma/migrations", init ?? "", "migration.sql"), "utf8");
      assert.match(sql, /CREATE TABLE "Account"/);
    });

    test("a second migrate dev adds a model, an index and an enum value", async () => {
      await writeFile(path.join(cwd, "prisma/schema.prisma"), SCHEMA_V2);
      await expectSuccess(backend, cwd, ["migrate", "dev", "--name", "second", "--create-only"]);
      const second = (await migrationNames(cwd)).find((name) => name.endsWith("_second"));
      assert.ok(second, "no *_second migration directory");
      const file = path.join(cwd, "prisma/migrations", second, "migration.sql");
      const sql = await readFile(file, "utf8");
      assert.match(sql, /ALTER TYPE "Role" ADD VALUE 'OWNER'/);
      assert.match(sql, /CREATE TABLE "Note"/);
      assert.match(sql, /CREATE INDEX "Note_title_idx"/);
      await writeFile(file, sql + FUNCTION_SQL);
      await expectSuccess(backend, cwd, ["migrate", "dev"]); // replays both on the shadow, applies
    });

    test("migrate status reports the database up to date", async () => {
      const output = await expectSuccess(backend, cwd, ["migrate", "status"]);
      assert.match(output, /Database schema is up to date/);
    });

    test("migrate reset --force drops everything and re-applies the migrations", async () => {
      await query(backend.url, `INSERT INTO "Account" (email) VALUES ('before-reset@example.com')`);
      await expectSuccess(backend, cwd, ["migrate", "reset", "--force"]);
      assert.deepEqual(await query(backend.url, `SELECT * FROM "Account"`), []);
      assert.equal((await query(backend.url, `SELECT 1 FROM "_prisma_migrations"`)).length, 2);
    });

    test("migrate deploy applies the history to a fresh database", async () => {
      const output = await expectSuccess(backend, cwd, ["migrate", "deploy"], backend.freshUrl);
      assert.match(output, /All migrations have been successfully applied/);
    });

    test("migrate diff finds no drift", async () => {
      const fromDatabase = await expectSuccess(
        backend,
        cwd,
        ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"],
        backend.freshUrl,
      );
      assert.match(fromDatabase, /No difference detected/);
      const fromMigrations = await expectSuccess(backend, cwd, [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema",
        "prisma/schema.prisma",
        "--exit-code",
      ]);
      assert.match(fromMigrations, /No difference detected/);
    });

    test("the deployed tables, columns, index, enum values and function exist", async () => {
      const url = backend.freshUrl;
      const columns = await query<{ table_name: string; column_name: string }>(
        url,
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      );
      const byTable = (table: string) => columns.filter((c) => c.table_name === table).map((c) => c.column_name);
      assert.deepEqual(byTable("Account"), ["id", "email", "role"]);
      assert.deepEqual(byTable("Note"), ["id", "title", "accountId"]);
      assert.ok(byTable("_prisma_migrations").includes("migration_name"));
      const indexes = await query(
        url,
        `SELECT 1 FROM pg_indexes WHERE tablename = 'Note' AND indexname = 'Note_title_idx'`,
      );
      assert.equal(indexes.length, 1);
      const labels = await query<{ enumlabel: string }>(
        url,
        `SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'Role' ORDER BY enumsortorder`,
      );
      assert.deepEqual(
        labels.map((row) => row.enumlabel),
        ["USER", "ADMIN", "OWNER"],
      );
      assert.equal((await query(url, `SELECT 1 FROM pg_proc WHERE proname = 'note_title_upper'`)).length, 1);
    });

    test("a broken migration fails clearly, with a non-zero exit code and nothing half-applied", async () => {
      const dir = path.join(cwd, "prisma/migrations/29991231000000_broken");
      await mkdir(dir);
      await writeFile(
        path.join(dir, "migration.sql"),
        'CREATE TABLE "Half" (id int);\nCREATE TABLEE "Oops" (id int);\n',
      );
      const result = await prisma(backend, cwd, ["migrate", "deploy"], backend.freshUrl);
      assert.doesNotMatch(result.output, DOWNLOAD_ATTEMPT);
      assert.notEqual(result.code, 0, `a broken migration must fail:\n${result.output}`);
      assert.match(result.output, /syntax error at or near "TABLEE"/);
      assert.match(result.output, /29991231000000_broken/);
      // The script runs as one implicit transaction, like with the native engine.
      assert.deepEqual(await query(backend.freshUrl, `SELECT 1 FROM pg_tables WHERE tablename = 'Half'`), []);
    });

    test("migrate resolve --applied works on a database without _prisma_migrations", async () => {
      // Guards against re-adding the SQLite-era "P1014" workaround, which breaks this on PostgreSQL.
      await query(backend.url, `DROP TABLE "_prisma_migrations"`);
      const [init] = await migrationNames(cwd);
      await expectSuccess(backend, cwd, ["migrate", "resolve", "--applied", init ?? ""]);
      const rows = await query<{ migration_name: string }>(
        backend.url,
        `SELECT migration_name FROM "_prisma_migrations"`,
      );
      assert.deepEqual(
        rows.map((row) => row.migration_name),
        [init],
      );
    });
  });
}

after(() => {
  // Visible with the default reporter; handy when checking the timings after an upgrade.
  console.log(`\nprisma CLI timings:\n${timings.join("\n")}`);
});
