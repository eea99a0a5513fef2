// next-auth's endpoints, with two things of ours around them: Entra's errors at the callback go
// to our own pages (with the AADSTS code), and session cookies without "Keep me signed in" leave
// without an expiry on every response that sets them.
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { applySessionCookiePolicy, cookieNames, isSecureOrigin } from "@/lib/auth/cookies";
import { authOptions } from "@/lib/auth/options";
import { aadstsCode, type Refusal, refusalPath } from "@/lib/auth/refusals";
import { requireIdentity } from "@/lib/env";

interface Context {
  params: Promise<{ nextauth: string[] }>;
}

/**
 * Entra's error at the callback, as one of our refusals. A user's "Cancel" carries
 * error_subcode=cancel (the code is AADSTS65004 either way); without the subcode, 65004 is a
 * declined consent.
 */
function refusalOf(params: URLSearchParams): { reason: Refusal; aadsts: string | undefined } {
  const aadsts = aadstsCode(params.get("error_description"));
  if (params.get("error_subcode") === "cancel") return { reason: "sign_in_cancelled", aadsts };
  if (aadsts === "65004") return { reason: "consent_cancelled", aadsts };
  if (params.get("error") === "access_denied" && !aadsts) return { reason: "sign_in_cancelled", aadsts };
  return { reason: "idp_error", aadsts };
}

function idpErrorRedirect(request: NextRequest, action: string | undefined): Response | null {
  if (action !== "callback" || !request.nextUrl.searchParams.get("error")) return null;
  const { reason, aadsts } = refusalOf(request.nextUrl.searchParams);
  return Response.redirect(`${requireIdentity().appUrl}${refusalPath(reason, { aadsts })}`, 303);
}

async function handler(request: NextRequest, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  const refused = idpErrorRedirect(request, nextauth[0]);
  if (refused) return refused;
  const identity = requireIdentity();
  const response: Response = await NextAuth(authOptions())(request, context);
  return applySessionCookiePolicy(response, cookieNames(isSecureOrigin(identity.appUrl)).session, identity.secret);
}

export { handler as GET, handler as POST };
