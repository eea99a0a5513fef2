// Start-up configuration check for server processes (Node.js only).
import { ConfigError, type Env, env, requireDatabaseUrl, requireIdentity } from "./env";

/**
 * Validates the configuration and stops the process with a one-line message naming the bad
 * variable. Called by instrumentation.ts (every Next.js server) and scripts/check-env.ts
 * (before the start command touches the database).
 */
export function validateEnvOrExit(options: { requireDatabase: boolean; requireIdentity: boolean }): Env {
  try {
    const config = env();
    if (options.requireDatabase) requireDatabaseUrl(config);
    if (options.requireIdentity) requireIdentity(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
