import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT, type RunningEmulator, type StartEmulatorOptions, startEmulator } from "../../index";
import { Browser } from "./browser";
import { type HttpOptions, type HttpResponse, httpCall } from "./http-client";

export const TEST_DATA_DIR = path.join(REPO_ROOT, ".data", "emulator-test");

export interface TestEmulator {
  emu: RunningEmulator;
  /** The emulator CA, for the test process's own HTTPS calls. */
  ca: string;
  browser(): Browser;
  call(pathOrUrl: string, options?: HttpOptions): Promise<HttpResponse>;
  /** POST /{tenant}/oauth2/v2.0/token with a form. */
  token(tenant: string, form: Record<string, string>, options?: HttpOptions): Promise<HttpResponse>;
  tenantId(domain: string): string;
  authorizeUrl(tenant: string, params: Record<string, string>): string;
}

export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<TestEmulator> {
  const emu = await startEmulator({ dataDir: TEST_DATA_DIR, testMode: true, ...options });
  const ca = readFileSync(emu.caFile, "utf8");
  const call = (pathOrUrl: string, opts: HttpOptions = {}) =>
    httpCall(pathOrUrl.startsWith("https://") ? pathOrUrl : `${emu.url}${pathOrUrl}`, { ca, ...opts });
  return {
    emu,
    ca,
    browser: () => new Browser(emu.url, ca),
    call,
    token: (tenant, form, opts = {}) => call(`/${tenant}/oauth2/v2.0/token`, { form, ...opts }),
    tenantId: (domain) => {
      const tenant = emu.directory.resolveTenant(domain);
      if (!tenant) throw new Error(`no tenant ${domain} in the seed`);
      return tenant.id;
    },
    authorizeUrl: (tenant, params) => `${emu.url}/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams(params)}`,
  };
}

/** Authorization-code flow for the web app, all the way to the code (query mode). */
export async function signInForCode(
  t: TestEmulator,
  options: { tenant?: string; account: string; scope?: string; extra?: Record<string, string>; browser?: Browser },
): Promise<{ code: string; params: URLSearchParams; browser: Browser; redirectUri: string }> {
  const browser = options.browser ?? t.browser();
  const redirectUri = t.emu.clients.web.redirectUris[0] ?? "";
  const result = await browser.run(
    t.authorizeUrl(options.tenant ?? "common", {
      client_id: t.emu.clients.web.clientId,
      response_type: "code",
      redirect_uri: redirectUri,
      scope: options.scope ?? `openid profile email offline_access ${t.emu.clients.api.scope}`,
      state: "state-123",
      ...options.extra,
    }),
    { account: options.account },
  );
  if (result.kind !== "redirect")
    throw new Error(`expected a redirect, got the ${result.page} page:\n${result.html.slice(0, 2000)}`);
  const code = result.params.get("code");
  if (!code) throw new Error(`no code: ${result.params}`);
  return { code, params: result.params, browser, redirectUri };
}
