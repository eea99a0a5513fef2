// The warm path: access tokens this process already holds, served without touching msal or the
// store. An entry lives until the renewal offset before expiry (msal refreshes from then on too,
// so the memo never hands out a token msal would replace), and never longer than maxAge, which
// bounds how long another instance's sign-out or offboarding can go unnoticed here.

export interface MemoOptions {
  /** Stop serving this long before expiry; msal's own renewal offset is 300 s. */
  renewalOffsetMs: number;
  maxAgeMs: number;
  now: () => number;
}

export const DEFAULT_MEMO_OPTIONS: MemoOptions = {
  renewalOffsetMs: 300_000,
  maxAgeMs: 600_000,
  now: Date.now,
};

interface Entry {
  accessToken: string;
  until: number;
}

export class AccessTokenMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: MemoOptions = DEFAULT_MEMO_OPTIONS) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.options.now() >= entry.until) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.accessToken;
  }

  put(key: string, accessToken: string, expiresOn: Date | null): void {
    if (!expiresOn) return;
    const now = this.options.now();
    const until = Math.min(expiresOn.getTime() - this.options.renewalOffsetMs, now + this.options.maxAgeMs);
    if (until <= now) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, { accessToken, until });
  }

  clear(): void {
    this.entries.clear();
  }
}
