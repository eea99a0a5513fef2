// A Graph client for one access token. baseUrl and customHosts come from GRAPH_BASE_URL: the
// client attaches the bearer token only to https URLs of Microsoft's Graph hosts or of
// customHosts, and deletes it for any other host (entra-protocol.md §8.5).
import { Client } from "@microsoft/microsoft-graph-client";

export interface GraphClientOptions {
  graphBaseUrl: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

export function createGraphClient(accessToken: string, options: GraphClientOptions): Client {
  return Client.init({
    authProvider: (done) => done(null, accessToken),
    baseUrl: options.graphBaseUrl,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(options.graphBaseUrl).hostname]),
    fetchOptions: { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) },
  });
}
