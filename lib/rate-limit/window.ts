// Fixed-window counting, the part of rate limiting that is pure: which window a moment falls
// in, and what a count in it means for the caller.

export interface RateRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Requests left in this window after this one. */
  remaining: number;
  /** When the caller may try again (0 when allowed). */
  retryAfterSeconds: number;
}

export function windowOf(nowMs: number, rule: RateRule): { index: number; endsAtMs: number } {
  const size = rule.windowSeconds * 1000;
  const index = Math.floor(nowMs / size);
  return { index, endsAtMs: (index + 1) * size };
}

export function decide(count: number, rule: RateRule, nowMs: number): RateDecision {
  const { endsAtMs } = windowOf(nowMs, rule);
  const allowed = count <= rule.limit;
  return {
    allowed,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((endsAtMs - nowMs) / 1000)),
  };
}
