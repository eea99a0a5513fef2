import type { UserRef } from "../directory/model";
import type { Clock } from "../support/clock";
import { newGuid, randomToken } from "../support/ids";
import type { AdminConsentRequest, AuthorizeRequest } from "./requests";

const PRUNE_EVERY_MS = 60_000;
/** Redeemed and expired entries are kept a while so a replay gets 54005/70008, not "unknown". */
const KEEP_AFTER_EXPIRY_MS = 86_400_000;

class ExpiringMap<T extends { expiresAtMs: number }> {
  private readonly entries = new Map<string, T>();
  private lastPrune = 0;

  constructor(private readonly clock: Clock) {}

  set(key: string, value: T): void {
    const now = this.clock.nowMs();
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      for (const [k, v] of this.entries) if (v.expiresAtMs + KEEP_AFTER_EXPIRY_MS < now) this.entries.delete(k);
    }
    this.entries.set(key, value);
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The emulator's browser session (Entra's ESTSAUTH cookie): who is signed in, most recent first. */
export interface BrowserSession {
  id: string;
  /** Returned as `session_state` on authorization responses. */
  sessionState: string;
  /** Session id per account, for the `sid` claim. */
  accounts: { ref: UserRef; sid: string; authTime: number }[];
  expiresAtMs: number;
}

export class SessionStore {
  private readonly map: ExpiringMap<BrowserSession>;

  constructor(private readonly clock: Clock) {
    this.map = new ExpiringMap(clock);
  }

  get(id: string | undefined): BrowserSession | undefined {
    return id ? this.map.get(id) : undefined;
  }

  create(): BrowserSession {
    const session: BrowserSession = {
      id: randomToken(24),
      sessionState: newGuid(),
      accounts: [],
      expiresAtMs: this.clock.nowMs() + 90 * 86_400_000,
    };
    this.map.set(session.id, session);
    return session;
  }

  signIn(session: BrowserSession, ref: UserRef): { ref: UserRef; sid: string; authTime: number } {
    const existing = session.accounts.find((a) => a.ref.tenantId === ref.tenantId && a.ref.oid === ref.oid);
    const entry = { ref, sid: existing?.sid ?? newGuid(), authTime: this.clock.nowSeconds() };
    session.accounts = [entry, ...session.accounts.filter((a) => a !== existing)];
    return entry;
  }

  delete(id: string): void {
    this.map.delete(id);
  }

  clear(): void {
    this.map.clear();
  }
}

export interface Interaction {
  id: string;
  request: AuthorizeRequest | AdminConsentRequest;
  /** The home account chosen on the sign-in page (or from the session). */
  account?: { ref: UserRef; sid: string; authTime: number };
  /** prompt=login / select_account are satisfied once the user has picked in this interaction. */
  accountChosenHere: boolean;
  consentShown: boolean;
  /** "Sign in with another account": show the picker even if the session could answer. */
  forcePicker: boolean;
  /** The message the sign-in page shows after a failed attempt. */
  signInError?: string;
  expiresAtMs: number;
}

export class InteractionStore {
  private readonly map: ExpiringMap<Interaction>;

  constructor(private readonly clock: Clock) {
    this.map = new ExpiringMap(clock);
  }

  create(request: AuthorizeRequest | AdminConsentRequest): Interaction {
    const interaction: Interaction = {
      id: randomToken(18),
      request,
      accountChosenHere: false,
      consentShown: false,
      forcePicker: false,
      expiresAtMs: this.clock.nowMs() + 3_600_000,
    };
    this.map.set(interaction.id, interaction);
    return interaction;
  }

  get(id: string): Interaction | undefined {
    const found = this.map.get(id);
    return found && found.expiresAtMs > this.clock.nowMs() ? found : undefined;
  }

  delete(id: string): void {
    this.map.delete(id);
  }
}

export interface CodeRecord {
  clientId: string;
  redirectUri: string;
  /** The scope parameter of the authorization request, as sent. */
  scope: string;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: "S256" | "plain" | undefined;
  /** The tenant the tokens are for, and the user object in it. */
  tenantId: string;
  userOid: string;
  sid: string;
  authTime: number;
  expiresAtMs: number;
  redeemed: boolean;
}

export class CodeStore {
  private readonly map: ExpiringMap<CodeRecord>;

  constructor(clock: Clock) {
    this.map = new ExpiringMap(clock);
  }

  issue(record: CodeRecord): string {
    // Entra's codes are long opaque strings starting "0.A"/"1.A"; clients must not parse them.
    const code = `1.A${randomToken(96)}`;
    this.map.set(code, record);
    return code;
  }

  get(code: string): CodeRecord | undefined {
    return this.map.get(code);
  }

  clear(): void {
    this.map.clear();
  }
}
