// End-to-end tests: real Chromium (Debian's, not Playwright's download) against a production
// build served with an in-memory embedded database. `npm run test:e2e` builds first.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { servers } from "./e2e/support/servers";
import { CHROMIUM } from "./test/support/chromium";

const { app, broken, emulator } = servers;

// The same secrets for both servers, throwaway for this run (npm test passes its own). Kept in
// the environment so the log scan at the end (e2e/global-teardown.ts) knows what to look for.
process.env.NEXTAUTH_SECRET ||= randomBytes(32).toString("base64url");
process.env.TOKEN_CACHE_KEYS ||= `e2e:${randomBytes(32).toString("base64")}`;
const secrets = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, TOKEN_CACHE_KEYS: process.env.TOKEN_CACHE_KEYS };

export default defineConfig({
  testDir: "e2e",
  // One server, two cores: run specs one after another for stable timings.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // No secret or token in any server log line of the whole run.
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: app.url,
    trace: "retain-on-failure",
    // The emulator serves HTTPS with its own CA, which the browser does not know.
    ignoreHTTPSErrors: true,
    screenshot: "only-on-failure",
    launchOptions: CHROMIUM,
  },
  projects: [
    // Registers the organizations every spec relies on, through the real sign-up flow.
    { name: "setup", testMatch: /setup\/.*\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"] },
  ],
  webServer: [
    {
      // The emulator runs in test mode on a fixed port so specs can reach its portal and hooks.
      // Everything the app, the emulator and the database print goes to servers.log for the scan.
      command: `mkdir -p ${path.dirname(servers.log)} && node scripts/with-emulator.mjs --test-mode 'node scripts/with-db.mjs --memory "prisma migrate deploy && next start --port ${app.port}"' 2>&1 | tee ${servers.log}`,
      url: `${app.url}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      // E2E_SERVER_LOG=1 shows the servers' log (at LOG_LEVEL, default debug: the scan sees everything an operator could turn on) while debugging.
      stdout: process.env.E2E_SERVER_LOG ? "pipe" : "ignore",
      stderr: "pipe",
      // REDIS_URL blank = unset: the e2e tier runs on the embedded defaults whatever the shell has.
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: process.env.LOG_LEVEL || "debug",
        ENTRA_EMULATOR_LOG_LEVEL: process.env.ENTRA_EMULATOR_LOG_LEVEL || "info",
        REDIS_URL: "",
        ...secrets,
        NEXTAUTH_URL: app.url,
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
        ...secrets,
        NEXTAUTH_URL: broken.url,
        // The seeded app registrations (emulator/directory.seed.json); this server signs nobody in.
        ENTRA_INSTANCE: emulator.url,
        AZURE_AD_CLIENT_ID: "71667709-0c1a-4f10-84be-a41684aee19f",
        AZURE_AD_CLIENT_SECRET: "surveys-web-local-secret",
        SURVEY_API_CLIENT_ID: "df81dd93-91fc-40a4-9d4d-24ec337f4795",
        SURVEY_API_CLIENT_SECRET: "surveys-api-local-secret",
        SURVEY_API_APP_ID_URI: "api://surveys-api",
      },
    },
  ],
});
