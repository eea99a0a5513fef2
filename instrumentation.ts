// Runs once when a Next.js server starts, before it handles requests: a bad configuration
// stops the process here with one line naming the variable, instead of failing on first use.
export async function register(): Promise<void> {
  // NEXT_RUNTIME is a build-time constant set by Next.js, not configuration: comparing it here
  // lets the bundler drop the Node-only start-up code from the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateEnvOrExit } = await import("./lib/startup");
  const config = validateEnvOrExit({ requireDatabase: true, requireIdentity: true });
  const { logger } = await import("./lib/log");
  logger().info({ redis: Boolean(config.REDIS_URL), nodeEnv: config.NODE_ENV }, "surveys server starting");
}

// A page or route that failed because the database could not be reached opens the availability
// breaker, so the next requests get the 503 page at once (lib/db-availability.ts).
export async function onRequestError(error: unknown): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteDatabaseError } = await import("./lib/db-availability");
  noteDatabaseError(error);
}
