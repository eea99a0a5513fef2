// The servers the e2e tier starts (playwright.config.ts) and the specs talk to.
const port = Number(process.env.E2E_PORT ?? 3100);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 8543);

export const servers = {
  /** The production build on an in-memory embedded database, signing in through the emulator. */
  app: { port, url: `http://localhost:${port}` },
  /** The same build with a database that is not there: failure pages and 503s, for real. */
  broken: { port: port + 1, url: `http://localhost:${port + 1}` },
  /** The Entra ID emulator in test mode (clock, forced errors and reset under /__test). */
  emulator: { port: emulatorPort, url: `https://127.0.0.1:${emulatorPort}` },
  /** What the app, its emulator and its database printed during the run (git-ignored). */
  log: ".e2e/servers.log",
} as const;
