import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LevelWithSilent } from "pino";
import { DEFAULT_LIFETIMES, type EmulatorContext, issuerV2, type Lifetimes } from "./context";
import { Directory, readSeedFile } from "./directory/directory";
import type { DirectorySeed } from "./directory/seed-schema";
import { registerGraphRoutes } from "./graph/routes";
import { loadOrCreatePki, writeCaBundle } from "./pki/store";
import { registerPortalRoutes } from "./portal/routes";
import { Faults } from "./protocol/faults";
import { IdTokenTampering } from "./protocol/id-token-tampering";
import { registerProtocolRoutes } from "./protocol/routes";
import { CodeStore, InteractionStore, SessionStore } from "./protocol/stores";
import { createHttpsServer } from "./server";
import { Clock } from "./support/clock";
import { Router } from "./support/http";
import { createLogger } from "./support/log";
import { createTestHooks, registerTestHookRoutes, type TestHooks } from "./test-hooks";

const EMULATOR_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(EMULATOR_DIR, "..");
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, ".data", "emulator");
export const DEFAULT_SEED_FILE = path.join(EMULATOR_DIR, "directory.seed.json");

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Address to listen on; loopback by default. */
  host?: string;
  /** Host name used in URLs (issuer, endpoints); must resolve to `host`. Default "127.0.0.1". */
  publicHost?: string;
  /** CA, TLS certificate, signing keys and secrets live here (git-ignored). */
  dataDir?: string;
  /** Enables the test hooks (clock, forced errors, reset), in code and under /__test. */
  testMode?: boolean;
  seedFile?: string;
  seed?: DirectorySeed;
  /** Extra redirect URIs for the first application of the seed (the web app), e.g. a test port. */
  redirectUris?: string[];
  lifetimes?: Partial<Lifetimes>;
  logLevel?: LevelWithSilent;
  /** The CA bundle starts from this file's content (default: NODE_EXTRA_CA_CERTS). */
  baseCaBundle?: string;
}

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
}

export interface RunningEmulator {
  /** The instance URL: https://host:port (no trailing slash). */
  url: string;
  port: number;
  /** host:port, the entry for msal's knownAuthorities. */
  hostPort: string;
  /** Base URL of the Graph subset, for the Graph client's baseUrl (and customHosts: host). */
  graphBaseUrl: string;
  issuerFor(tenantId: string): string;
  /** The emulator's CA certificate alone. */
  caFile: string;
  /** NODE_EXTRA_CA_CERTS for child processes: the previous bundle plus the emulator's CA. */
  caBundleFile: string;
  directory: Directory;
  clients: {
    web: ClientRegistration & { redirectUris: string[] };
    api: ClientRegistration & { appIdUri: string; scope: string };
    automation: ClientRegistration | undefined;
  };
  /** Only in test mode. */
  testHooks: TestHooks | undefined;
  /** The variables scripts/with-emulator.mjs gives its child. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const publicHost = options.publicHost ?? (host === "0.0.0.0" || host === "::" ? "localhost" : host);
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const log = createLogger(options.logLevel ?? "silent");
  const seed = options.seed ?? readSeedFile(options.seedFile ?? DEFAULT_SEED_FILE);
  const directory = new Directory(seed, options.redirectUris ?? []);
  const pki = await loadOrCreatePki(dataDir, [...new Set(["localhost", "127.0.0.1", "::1", publicHost])]);
  const caBundleFile = writeCaBundle(dataDir, pki.caCertPem, options.baseCaBundle ?? process.env.NODE_EXTRA_CA_CERTS);
  const clock = new Clock();

  const ectx: EmulatorContext = {
    url: "",
    hostPort: "",
    directory,
    clock,
    pki,
    log,
    testMode: options.testMode ?? false,
    lifetimes: { ...DEFAULT_LIFETIMES, ...options.lifetimes },
    sessions: new SessionStore(clock),
    interactions: new InteractionStore(clock),
    codes: new CodeStore(clock),
    faults: new Faults(),
    idTokenTampering: new IdTokenTampering(),
  };
  const router = new Router();
  const testHooks = ectx.testMode ? createTestHooks(ectx) : undefined;
  if (testHooks) registerTestHookRoutes(router, ectx, testHooks);
  registerGraphRoutes(router, ectx);
  registerPortalRoutes(router, ectx);
  registerProtocolRoutes(router, ectx);

  const server = createHttpsServer(ectx, router);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = publicHost.includes(":") ? `[${publicHost}]` : publicHost;
  ectx.hostPort = `${urlHost}:${port}`;
  ectx.url = `https://${ectx.hostPort}`;
  log.info({ url: ectx.url, dataDir, testMode: ectx.testMode }, "Entra ID emulator listening");

  const web = directory.applicationByKey("surveys-web") ?? [...directory.applications.values()][1];
  const api = directory.applicationByKey("surveys-api");
  const automation = directory.applicationByKey("surveys-automation");
  if (!web || !api) throw new Error("the seed must register 'surveys-web' and 'surveys-api'");
  const apiScope = api.scopes[0]?.value ?? "Surveys.ReadWrite";
  const appIdUri = api.identifierUris[0] ?? `api://${api.appId}`;

  const running: RunningEmulator = {
    url: ectx.url,
    port,
    hostPort: ectx.hostPort,
    graphBaseUrl: ectx.url,
    issuerFor: (tenantId) => issuerV2(ectx, tenantId),
    caFile: pki.caFile,
    caBundleFile,
    directory,
    clients: {
      web: { clientId: web.appId, clientSecret: web.secrets[0] ?? "", redirectUris: web.redirectUris },
      api: { clientId: api.appId, clientSecret: api.secrets[0] ?? "", appIdUri, scope: `${appIdUri}/${apiScope}` },
      automation: automation ? { clientId: automation.appId, clientSecret: automation.secrets[0] ?? "" } : undefined,
    },
    testHooks,
    env: () => ({
      NODE_EXTRA_CA_CERTS: caBundleFile,
      ENTRA_INSTANCE: ectx.url,
      ENTRA_KNOWN_AUTHORITY: ectx.hostPort,
      GRAPH_BASE_URL: ectx.url,
      AZURE_AD_CLIENT_ID: web.appId,
      AZURE_AD_CLIENT_SECRET: web.secrets[0] ?? "",
      SURVEY_API_CLIENT_ID: api.appId,
      SURVEY_API_CLIENT_SECRET: api.secrets[0] ?? "",
      SURVEY_API_APP_ID_URI: appIdUri,
      SURVEY_API_SCOPE: `${appIdUri}/${apiScope}`,
      ...(ectx.testMode ? { ENTRA_EMULATOR_TEST_HOOKS: `${ectx.url}/__test` } : {}),
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return running;
}
