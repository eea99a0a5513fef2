import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma 7 runs every migrate/db command through a native `schema-engine` binary that it downloads
// from binaries.prisma.sh, which this environment cannot reach. Point the documented override at our
// wasm-based drop-in instead, so plain `npx prisma …` works offline. An explicitly set variable wins.
// (See scripts/prisma-schema-engine.mjs; delete this line if the native binary becomes available.)
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "scripts/prisma-schema-engine.mjs",
);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Unset is fine for `prisma generate`; commands that need a database say so clearly.
    // `node scripts/with-db.mjs "…"` provides an embedded PGlite when DATABASE_URL is unset.
    url: process.env.DATABASE_URL || undefined,
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined,
  },
});
