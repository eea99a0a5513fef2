import type { AadstsCode } from "./errors";

/** A forced failure, armed by a test through the test hooks (test mode only). */
export interface FaultRule {
  endpoint: "token" | "authorize";
  /** Only for this grant type (token endpoint), e.g. "refresh_token". */
  grantType?: string;
  clientId?: string;
  code: AadstsCode;
  params?: Record<string, string>;
  error?: string;
  suberror?: string;
  /** A claims challenge, returned as the `claims` member (AADSTS50076/50079). */
  claims?: string;
  /** How many requests it hits; default 1. */
  times?: number;
}

export class Faults {
  private rules: (FaultRule & { remaining: number })[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  take(endpoint: FaultRule["endpoint"], match: { grantType?: string; clientId?: string }): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        r.endpoint === endpoint &&
        (r.grantType === undefined || r.grantType === match.grantType) &&
        (r.clientId === undefined || r.clientId.toLowerCase() === match.clientId?.toLowerCase()),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ remaining, ...rule }) => ({ ...rule, times: remaining }));
  }
}
