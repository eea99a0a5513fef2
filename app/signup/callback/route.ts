// Entra's admin-consent response. Verified here: state (single use, this browser); then error;
// then success, after which the admin signs in so the tenant is proven, not taken from the URL.
import type { NextRequest } from "next/server";
import { refusalPath } from "@/lib/auth/refusals";
import { acceptConsentResponse } from "@/lib/auth/sign-up";
import { requireIdentity } from "@/lib/env";

export async function GET(request: NextRequest): Promise<Response> {
  const outcome = await acceptConsentResponse(request.nextUrl.searchParams);
  const path = outcome.ok ? "/signup/continue" : refusalPath(outcome.refusal, { aadsts: outcome.aadsts });
  return Response.redirect(`${requireIdentity().appUrl}${path}`, 303);
}
