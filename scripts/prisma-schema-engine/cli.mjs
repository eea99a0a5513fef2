// One-shot `schema-engine --datasource <json> cli <command>` invocations. `prisma migrate dev`,
// `migrate deploy`, `migrate reset` and `db push` run `can-connect-to-database` and, when that
// reports P1003 (database missing), `create-database`, before starting the JSON-RPC session.
//
// The CLI only looks at the exit code and at stderr. It drops the FIRST stderr line (the native
// engine's startup log), parses every other line as JSON, and takes the error from the line with
// level "ERROR", target "schema_engine::logger" and fields.{error_code,message}.
import { logLine } from "./log.mjs";
import {
  classifyConnectionError,
  createDatabase,
  databaseName,
  parsePostgresUrl,
  probeConnection,
  serverLocation,
} from "./postgres.mjs";

export async function runCliCommand(command, datasource) {
  logLine("INFO", "Starting schema engine CLI (wasm shim, scripts/prisma-schema-engine.mjs)");
  try {
    parsePostgresUrl(datasource.url);
    switch (command) {
      case "can-connect-to-database": {
        const problem = await probeConnection(datasource.url);
        return problem ? fail(problem) : 0;
      }
      case "create-database": {
        const name = await createDatabase(datasource.url).catch((error) => {
          throw toCliError(error, datasource.url);
        });
        process.stdout.write(`Database '${name}' was successfully created.\n`);
        return 0;
      }
      default:
        return fail({
          message: `Unsupported command \`cli ${command}\` (the wasm schema engine shim implements can-connect-to-database and create-database).`,
        });
    }
  } catch (error) {
    return fail(error.code && error.message ? error : { message: error.message ?? String(error) });
  }
}

function toCliError(error, url) {
  const location = serverLocation(url);
  if (error?.code === "42P04") {
    return {
      code: "P1009",
      message: `Database \`${databaseName(url)}\` already exists on the database server at \`${location}\``,
    };
  }
  if (error?.code === "42501") {
    return {
      code: "P1010",
      message: `User was denied access on the database \`${databaseName(url)}\`: ${error.message}`,
    };
  }
  return classifyConnectionError(error, url);
}

function fail({ code, message }) {
  logLine("ERROR", message, code ? { error_code: code } : {}, "schema_engine::logger");
  return 1;
}
