// How every msal-node instance of the product is configured, for any Entra instance: the
// authority is the instance's /common (requests name their tenant authority), plus
// knownAuthorities when the instance is not a Microsoft cloud (the emulator), so msal trusts it
// without calling Microsoft's instance discovery. msal's logger goes to ours, warnings and up,
// never with personal data.
import "server-only";
import { ConfidentialClientApplication, type ICachePlugin, type INetworkModule, LogLevel } from "@azure/msal-node";
import type { Logger } from "pino";

export interface MsalAppOptions {
  clientId: string;
  clientSecret: string;
  instance: string;
  knownAuthority: string | undefined;
  network: INetworkModule;
  log: Logger;
  cachePlugin?: ICachePlugin;
}

export function tenantAuthority(instance: string, tenantId: string): string {
  return `${instance}/${tenantId}`;
}

export function createMsalApp(options: MsalAppOptions): ConfidentialClientApplication {
  const log = options.log.child({ component: "msal" });
  return new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: `${options.instance}/common`,
      knownAuthorities: options.knownAuthority ? [options.knownAuthority] : [],
    },
    ...(options.cachePlugin ? { cache: { cachePlugin: options.cachePlugin } } : {}),
    system: {
      networkClient: options.network,
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) log.error(message);
          else if (level === LogLevel.Warning) log.warn(message);
        },
      },
    },
  });
}
