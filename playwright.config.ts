// End-to-end tests: real Chromium (Debian's, not Playwright's download) against a production
// build served with an in-memory embedded database. `npm run test:e2e` builds first.
import { defineConfig, devices } from "@playwright/test";
import { servers } from "./e2e/support/servers";

const { app, broken, emulator } = servers;

export default defineConfig({
  testDir: "e2e",
  // One server, two cores: run specs one after another for stable timings.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: app.url,
    trace: "retain-on-failure",
    // The emulator serves HTTPS with its own CA, which the browser does not know.
    ignoreHTTPSErrors: true,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      // The emulator runs in test mode on a fixed port so specs can reach its portal and hooks.
      command: `node scripts/with-emulator.mjs --test-mode 'node scripts/with-db.mjs --memory "prisma migrate deploy && next start --port ${app.port}"'`,
      url: `${app.url}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      // REDIS_URL blank = unset: the e2e tier runs on the embedded defaults whatever the shell has.
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        REDIS_URL: "",
        ENTRA_INSTANCE: "",
        ENTRA_EMULATOR_PORT: String(emulator.port),
        ENTRA_EMULATOR_REDIRECT_URIS: ["/api/auth/callback/azure-ad", "/signup/callback", "/"]
          .map((p) => `${app.url}${p}`)
          .join(","),
      },
    },
    {
      command: `next start --port ${broken.port}`,
      url: `${broken.url}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "ignore",
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "silent",
        REDIS_URL: "",
        DATABASE_URL: "postgresql://postgres@127.0.0.1:9/unreachable",
      },
    },
  ],
});
