// Runs before every request: gives it a correlation id (kept from the caller when well-formed)
// that pages, route handlers and the logs share, tells pages their own path (so a sign-in can
// come back to it), slides "Keep me signed in" cookies, and sets the security headers (CSP with
// a fresh nonce per request). It refuses server actions sent from another origin and answers
// 503 at once while the database is known to be down. It decides no authorization.
import { type NextRequest, NextResponse } from "next/server";
import { renewPersistentSession } from "@/lib/auth/renewal";
import { PATH_HEADER } from "@/lib/auth/session-path";
import { CORRELATION_HEADER, correlationIdFrom } from "@/lib/correlation";
import { env } from "@/lib/env";
import { isForeignServerAction } from "@/lib/security/action-origin";
import { contentSecurityPolicy, NONCE_HEADER, securityHeaders } from "@/lib/security/headers";
import { outageResponse } from "@/lib/web/outage-response";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const correlationId = correlationIdFrom(request.headers.get(CORRELATION_HEADER));
  const headers = new Headers(request.headers);
  headers.set(CORRELATION_HEADER, correlationId);
  headers.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const config = env();
  const https = config.NEXTAUTH_URL.startsWith("https://");
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: config.NODE_ENV === "development", https });
  headers.set(NONCE_HEADER, nonce);
  headers.set("Content-Security-Policy", csp);
  const secured = (response: NextResponse) => {
    response.headers.set(CORRELATION_HEADER, correlationId);
    response.headers.set("Content-Security-Policy", csp);
    for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
    return response;
  };
  if (isForeignServerAction(request, config.NEXTAUTH_URL)) {
    return secured(new NextResponse("Server actions are accepted from this site only.", { status: 403 }));
  }
  const outage = await outageResponse(request, correlationId);
  if (outage) return secured(outage);
  const response = secured(NextResponse.next({ request: { headers } }));
  if (!request.nextUrl.pathname.startsWith("/api/")) await renewPersistentSession(request, response);
  return response;
}

export const config = {
  // Static assets need none of it.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
