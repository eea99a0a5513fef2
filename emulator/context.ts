import type { Directory } from "./directory/directory";
import type { Pki } from "./pki/store";
import type { Faults } from "./protocol/faults";
import type { IdTokenTampering } from "./protocol/id-token-tampering";
import type { CodeStore, InteractionStore, SessionStore } from "./protocol/stores";
import type { Clock } from "./support/clock";
import type { Logger } from "./support/log";

export interface Lifetimes {
  /** null: Entra's default, 60–90 minutes chosen at random. */
  accessTokenSeconds: number | null;
  idTokenSeconds: number;
  authorizationCodeSeconds: number;
  /** Refresh tokens expire after this long unused (Entra: 90 days). */
  refreshTokenInactivitySeconds: number;
}

export const DEFAULT_LIFETIMES: Lifetimes = {
  accessTokenSeconds: null,
  idTokenSeconds: 3600,
  authorizationCodeSeconds: 600,
  refreshTokenInactivitySeconds: 90 * 86_400,
};

/** Everything a handler needs, built once per emulator instance. */
export interface EmulatorContext {
  /** `https://host:port`, no trailing slash: the "instance" clients are configured with. */
  url: string;
  /** `host:port`, what msal calls the authority's domain (knownAuthorities entry). */
  hostPort: string;
  directory: Directory;
  clock: Clock;
  pki: Pki;
  log: Logger;
  testMode: boolean;
  lifetimes: Lifetimes;
  sessions: SessionStore;
  interactions: InteractionStore;
  codes: CodeStore;
  faults: Faults;
  /** Test mode only: ID tokens deliberately broken for relying-party tests. */
  idTokenTampering: IdTokenTampering;
}

export function issuerV2(ctx: Pick<EmulatorContext, "url">, tenantId: string): string {
  return `${ctx.url}/${tenantId}/v2.0`;
}

/**
 * v1 tokens name Entra's STS host (`https://sts.windows.net/{tid}/`). The emulator is its own
 * cloud, so its v1 issuer is its own origin; the v1 discovery document says so.
 */
export function issuerV1(ctx: Pick<EmulatorContext, "url">, tenantId: string): string {
  return `${ctx.url}/${tenantId}/`;
}
