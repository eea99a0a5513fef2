#!/usr/bin/env node
// Drop-in replacement for Prisma's native `schema-engine` binary, for machines that cannot download
// it from binaries.prisma.sh. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
//
// It speaks the same interface the Prisma 7.10.1 CLI expects from the binary:
//   schema-engine --version
//   schema-engine [--datasource <json>] cli can-connect-to-database|create-database
//   schema-engine [--datamodels <file>]… [--datasource <json>]      (JSON-RPC session on stdio)
// and implements it with Prisma's official @prisma/schema-engine-wasm over @prisma/adapter-pg.
// PostgreSQL only. The protocol is internal to Prisma: keep prisma, @prisma/schema-engine-wasm,
// @prisma/adapter-pg and @prisma/driver-adapter-utils pinned, and re-run test/migrations.smoke.ts
// after any upgrade. Background: docs in /work/shared/design/prisma-offline.md (lab report).
// Set PRISMA_SCHEMA_ENGINE_SHIM_DEBUG=1 to trace every SQL statement to stderr.
import { runCliCommand } from "./prisma-schema-engine/cli.mjs";
import { installProcessHooks, logLine } from "./prisma-schema-engine/log.mjs";
import { runRpcSession } from "./prisma-schema-engine/rpc.mjs";
import { wasmVersion } from "./prisma-schema-engine/wasm.mjs";

function parseArgs(argv) {
  const options = { datamodelPaths: [], datasource: {}, cliCommand: undefined, version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`Missing value for ${arg}`);
      return argv[++i];
    };
    switch (arg) {
      case "--version":
      case "-V":
        options.version = true;
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      case "--datamodels":
      case "-d":
        options.datamodelPaths.push(value());
        break;
      case "--datasource": {
        const raw = value();
        try {
          options.datasource = JSON.parse(raw) ?? {};
        } catch {
          throw new Error('--datasource must be a JSON object like {"url":…,"shadowDatabaseUrl":…}');
        }
        break;
      }
      case "--enabled-preview-features":
        logLine("WARN", `Ignoring --enabled-preview-features ${value()}: not supported by the wasm schema engine.`);
        break;
      case "--extension-types":
        logLine("WARN", `Ignoring --extension-types ${value()}: not supported by the wasm schema engine.`);
        break;
      case "cli":
        options.cliCommand = argv[++i];
        if (!options.cliCommand) throw new Error("Missing command after `cli`");
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return options;
}

async function main() {
  installProcessHooks();
  const options = parseArgs(process.argv.slice(2));
  if (options.version) {
    // Same shape as the native binary ("schema-engine-cli <engine commit>").
    process.stdout.write(`schema-engine-cli ${await wasmVersion()}\n`);
    return 0;
  }
  if (options.help) {
    process.stdout.write(
      "prisma-schema-engine.mjs: wasm-based stand-in for Prisma's schema-engine (PostgreSQL only)\n" +
        "  --version | [--datamodels <file>]… [--datasource <json>] [cli can-connect-to-database|create-database]\n",
    );
    return 0;
  }
  if (options.cliCommand) return runCliCommand(options.cliCommand, options.datasource);
  await runRpcSession(options); // keeps running until the CLI closes stdin
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error) => {
    logLine("ERROR", `prisma-schema-engine.mjs: ${error?.message ?? error}`, {}, "schema_engine::logger");
    process.exitCode = 1;
  },
);
