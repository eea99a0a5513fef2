// next-auth's endpoints, with two things of ours around them: Entra's errors at the callback go
// to our own pages (with the AADSTS code), and session cookies without "Keep me signed in" leave
// without an expiry on every response that sets them.
import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { applySessionCookiePolicy, cookieNames, isSecureOrigin } from "@/lib/auth/cookies";
import { authOptions } from "@/lib/auth/options";
import { aadstsCode, refusalPath } from "@/lib/auth/refusals";
import { requireIdentity } from "@/lib/env";

interface Context {
  params: Promise<{ nextauth: string[] }>;
}

function idpErrorRedirect(request: NextRequest, action: string | undefined): Response | null {
  if (action !== "callback") return null;
  const error = request.nextUrl.searchParams.get("error");
  if (!error) return null;
  const params = request.nextUrl.searchParams;
  const aadsts = aadstsCode(params.get("error_description"));
  // Entra marks a user's "Cancel" with error_subcode=cancel (the code is AADSTS65004 either way);
  // without the subcode, 65004 is a declined consent.
  const reason =
    params.get("error_subcode") === "cancel"
      ? "sign_in_cancelled"
      : aadsts === "65004"
        ? "consent_cancelled"
        : error === "access_denied" && !aadsts
          ? "sign_in_cancelled"
          : "idp_error";
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
