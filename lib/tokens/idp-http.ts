// msal's HTTP client, replaced (system.networkClient) for three reasons:
// 1. Discovery documents are cached across msal instances. Token operations run on a fresh
//    msal instance each (token-service.ts says why), and msal keeps authority metadata in the
//    instance: against any authority without msal's built-in metadata (the emulator, custom
//    hosts) every token operation would fetch openid-configuration again.
// 2. Token requests get a deadline: msal's own client sets none on POST, so a hanging identity
//    provider would hang requests until the socket gives up.
// 3. Counts of what went to the identity provider, for tokenStats() and the benchmark.
// Like msal's own client it uses fetch; anything that is not an HTTP answer is thrown, and msal
// reports it as ClientAuthError "network_error".
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import type { Logger } from "pino";
import { SingleFlight } from "./single-flight";

export interface IdpHttpOptions {
  /** Token requests; default 10 s. */
  postTimeoutMs?: number;
  /** GETs when msal gives no timeout of its own; default 10 s. */
  getTimeoutMs?: number;
  /** How long a discovery document is reused; default 1 h. */
  discoveryTtlMs?: number;
  log?: Logger;
}

export interface IdpTraffic {
  /** POSTs to a token endpoint, by grant_type. */
  tokenRequests: Record<string, number>;
  discoveryFetches: number;
  discoveryCacheHits: number;
  failures: number;
}

interface CachedResponse {
  response: NetworkResponse<unknown>;
  expires: number;
}

/** OpenID configuration and msal's instance discovery: the same for everyone, safe to share. */
export function isDiscoveryUrl(url: string): boolean {
  try {
    const { pathname } = new URL(url);
    return pathname.endsWith("/.well-known/openid-configuration") || pathname.endsWith("/discovery/instance");
  } catch {
    return false;
  }
}

export function grantTypeOf(body: string | undefined): string {
  return new URLSearchParams(body ?? "").get("grant_type") ?? "unknown";
}

export class IdpHttpClient implements INetworkModule {
  readonly traffic: IdpTraffic = { tokenRequests: {}, discoveryFetches: 0, discoveryCacheHits: 0, failures: 0 };
  private readonly discovery = new Map<string, CachedResponse>();
  private readonly discoveryFlights = new SingleFlight<NetworkResponse<unknown>>();

  constructor(private readonly options: IdpHttpOptions = {}) {}

  async sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    if (!isDiscoveryUrl(url)) return this.send<T>(url, "GET", options, timeout);
    const cached = this.discovery.get(url);
    if (cached && cached.expires > Date.now()) {
      this.traffic.discoveryCacheHits += 1;
      return cached.response as NetworkResponse<T>;
    }
    const { result } = this.discoveryFlights.run(url, async () => {
      this.traffic.discoveryFetches += 1;
      const response = await this.send<unknown>(url, "GET", options, timeout);
      if (response.status === 200) {
        this.discovery.set(url, { response, expires: Date.now() + (this.options.discoveryTtlMs ?? 3_600_000) });
      }
      return response;
    });
    return (await result) as NetworkResponse<T>;
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const grant = grantTypeOf(options?.body);
    this.traffic.tokenRequests[grant] = (this.traffic.tokenRequests[grant] ?? 0) + 1;
    return this.send<T>(url, "POST", options, this.options.postTimeoutMs ?? 10_000);
  }

  private async send<T>(
    url: string,
    method: "GET" | "POST",
    options: NetworkRequestOptions | undefined,
    timeout: number | undefined,
  ): Promise<NetworkResponse<T>> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: options?.headers ?? {},
        ...(method === "POST" ? { body: options?.body ?? "" } : {}),
        signal: AbortSignal.timeout(timeout ?? this.options.getTimeoutMs ?? 10_000),
      });
    } catch (error) {
      this.fail(url, error);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      // An HTML error page from a proxy or a truncated answer: not an identity provider answer.
      this.fail(url, error, response.status);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { headers, body: body as T, status: response.status };
  }

  private fail(url: string, error: unknown, status?: number): never {
    this.traffic.failures += 1;
    const { origin, pathname } = new URL(url);
    this.options.log?.warn(
      { endpoint: `${origin}${pathname}`, status, reason: error instanceof Error ? error.message : String(error) },
      "identity provider request failed",
    );
    throw error instanceof Error ? error : new Error(String(error));
  }
}
