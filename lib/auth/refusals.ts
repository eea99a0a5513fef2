// Why a sign-in or sign-up did not go through, each with its own page (app/auth/error). The
// reason travels in the URL: it is shown to the person, never trusted for anything.
export const REFUSALS = [
  "unregistered_tenant",
  "personal_account",
  "offboarded_tenant",
  "verification_failed",
  "sign_in_cancelled",
  "consent_cancelled",
  "consent_failed",
  "sign_up_expired",
  "sign_up_tenant_mismatch",
  "sign_up_rate_limited",
  "idp_error",
  "idp_unreachable",
] as const;

export type Refusal = (typeof REFUSALS)[number];

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "string" && (REFUSALS as readonly string[]).includes(value);
}

/** The page of a refusal; an AADSTS code, when Entra gave one, is shown with it. */
export function refusalPath(reason: Refusal, details: { aadsts?: string; tenant?: string } = {}): string {
  const query = new URLSearchParams({ reason });
  if (details.aadsts && /^\d{4,7}$/.test(details.aadsts)) query.set("aadsts", details.aadsts);
  return `/auth/error?${query}`;
}

/** The AADSTS number at the start of an Entra error_description ("AADSTS65004: …"). */
export function aadstsCode(description: string | null | undefined): string | undefined {
  return description?.match(/AADSTS(\d{4,7})/)?.[1];
}
