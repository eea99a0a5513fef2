// Sliding expiry for "Keep me signed in": a persistent session cookie used at least a day after
// it was issued is issued again with a fresh 30 days. Runs in proxy.ts (every request), because
// pages never write cookies. Browser-session cookies are never renewed: their limit is absolute.
import type { NextRequest, NextResponse } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { requireIdentity } from "@/lib/env";
import { cookieAttributes, cookieNames, isSecureOrigin } from "./cookies";
import { sessionPolicy } from "./policy";

const RENEW_AFTER_SECONDS = 24 * 3600;

export async function renewPersistentSession(request: NextRequest, response: NextResponse): Promise<void> {
  const identity = requireIdentity();
  const secure = isSecureOrigin(identity.appUrl);
  const name = cookieNames(secure).session;
  const token = request.cookies.get(name)?.value;
  if (!token) return;
  const claims = await decode({ token, secret: identity.secret }).catch(() => null);
  if (!claims?.persistent || typeof claims.exp !== "number") return;
  const maxAge = sessionPolicy().persistentDays * 86_400;
  const issuedSecondsAgo = maxAge - (claims.exp - Math.floor(Date.now() / 1000));
  if (issuedSecondsAgo < RENEW_AFTER_SECONDS) return;
  const fresh = await encode({ token: claims, secret: identity.secret, maxAge });
  response.cookies.set(name, fresh, cookieAttributes(secure, maxAge));
}
