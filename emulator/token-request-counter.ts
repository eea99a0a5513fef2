import type { EmulatorContext } from "./context";
import { jsonErrors } from "./protocol/routes";
import { handleToken } from "./protocol/token-endpoint";
import type { Router } from "./support/http";

/**
 * Test mode only: how many requests reached the token endpoint, by grant type, tenant segment
 * and client. Lets a test prove what a client library actually sent ("exactly one refresh for
 * twenty concurrent callers", "the second on-behalf-of call was served from cache") instead of
 * trusting the client's own bookkeeping. Counts only ever grow, except on reset: take differences.
 */
export interface TokenRequestCounts {
  total: number;
  byGrantType: Record<string, number>;
  /** The authority's tenant segment as requested (lower-cased): a GUID, a domain, "common"… */
  byTenant: Record<string, number>;
  byClient: Record<string, number>;
  /** Refused requests by AADSTS code ("54005": a code redeemed twice). */
  refusedByCode: Record<string, number>;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

export class TokenRequestCounter {
  private counts: TokenRequestCounts = TokenRequestCounter.empty();

  private static empty(): TokenRequestCounts {
    return { total: 0, byGrantType: {}, byTenant: {}, byClient: {}, refusedByCode: {} };
  }

  record(grantType: string, tenant: string, clientId: string): void {
    this.counts.total += 1;
    bump(this.counts.byGrantType, grantType);
    bump(this.counts.byTenant, tenant);
    bump(this.counts.byClient, clientId);
  }

  refused(code: number): void {
    bump(this.counts.refusedByCode, String(code));
  }

  snapshot(): TokenRequestCounts {
    const { total, byGrantType, byTenant, byClient, refusedByCode } = this.counts;
    return {
      total,
      byGrantType: { ...byGrantType },
      byTenant: { ...byTenant },
      byClient: { ...byClient },
      refusedByCode: { ...refusedByCode },
    };
  }

  clear(): void {
    this.counts = TokenRequestCounter.empty();
  }
}

/**
 * Registered ahead of the protocol routes (test hooks come first), so it sees every token
 * request, counts it, and hands it on to the real endpoint. The form is read once: the request
 * context memoizes it, so the endpoint gets the same fields (or the same body error).
 */
export function registerTokenRequestCounting(
  router: Router,
  ectx: EmulatorContext,
  counter: TokenRequestCounter,
): void {
  router.add(
    "POST",
    "/:tenant/oauth2/v2.0/token",
    async (http) => {
      const form = await http.readForm().catch(() => undefined);
      counter.record(
        form?.get("grant_type") || "(none)",
        (http.params.tenant ?? "").toLowerCase(),
        form?.get("client_id") || "(not in body)",
      );
      await handleToken(ectx, http, (code) => counter.refused(code));
    },
    jsonErrors(ectx),
  );
}
