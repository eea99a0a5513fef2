// Graph's resource identifier prefixes its scopes. National clouds have their own Graph host
// and resource; any other host (the emulator, a proxy) stands in for the public cloud's Graph,
// whose scope names it accepts.
const NATIONAL_AND_PUBLIC_GRAPH_HOSTS = new Set([
  "graph.microsoft.com",
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "graph.microsoft.de",
  "microsoftgraph.chinacloudapi.cn",
]);

export function graphResource(graphBaseUrl: string): string {
  const url = new URL(graphBaseUrl);
  return NATIONAL_AND_PUBLIC_GRAPH_HOSTS.has(url.hostname) ? url.origin : "https://graph.microsoft.com";
}

/** The delegated permissions each operation needs, least privileged (entra-protocol.md §8). */
export const GRAPH_PERMISSIONS = {
  searchPeople: "User.ReadBasic.All",
  sendMail: "Mail.Send",
  organization: "User.Read",
} as const;

export function graphScope(graphBaseUrl: string, permission: string): string {
  return `${graphResource(graphBaseUrl)}/${permission}`;
}
