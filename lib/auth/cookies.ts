// Every cookie of sign-in: names, attributes and the "Keep me signed in" rule. HttpOnly and
// SameSite=Lax always; on https the `__Host-` prefix (Secure, Path=/, no Domain) where the cookie
// allows it, `__Secure-` otherwise.
import type { CookieOption, CookiesOptions } from "next-auth";
import { decode } from "next-auth/jwt";

export interface CookieNames {
  session: string;
  callbackUrl: string;
  csrf: string;
  pkce: string;
  state: string;
  nonce: string;
  /** The "Keep me signed in" choice, from the sign-in form to the callback. */
  keepSignedIn: string;
  /** The admin-consent round trip of sign-up, bound to this browser. */
  signUp: string;
}

export function isSecureOrigin(appUrl: string): boolean {
  return appUrl.startsWith("https://");
}

export function cookieNames(secure: boolean): CookieNames {
  const host = secure ? "__Host-" : "";
  return {
    session: `${host}surveys.session`,
    callbackUrl: `${host}surveys.callback-url`,
    csrf: `${host}surveys.csrf`,
    pkce: `${host}surveys.pkce`,
    state: `${host}surveys.state`,
    nonce: `${host}surveys.nonce`,
    keepSignedIn: `${host}surveys.keep`,
    signUp: `${host}surveys.sign-up`,
  };
}

export function cookieAttributes(secure: boolean, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** next-auth's cookie settings, named and scoped as above. */
export function nextAuthCookies(secure: boolean): CookiesOptions {
  const names = cookieNames(secure);
  const option = (name: string, maxAge?: number): CookieOption => ({
    name,
    options: cookieAttributes(secure, maxAge),
  });
  // The round-trip cookies live as long as a sign-in may take at the IdP.
  return {
    sessionToken: option(names.session),
    callbackUrl: option(names.callbackUrl),
    csrfToken: option(names.csrf),
    pkceCodeVerifier: option(names.pkce, 15 * 60),
    state: option(names.state, 15 * 60),
    nonce: option(names.nonce, 15 * 60),
  };
}

function cookieName(setCookie: string): string {
  return setCookie.slice(0, setCookie.indexOf("=")).trim();
}

function cookieValue(setCookie: string): string {
  const start = setCookie.indexOf("=") + 1;
  const end = setCookie.indexOf(";");
  return setCookie.slice(start, end < 0 ? undefined : end);
}

/** Drops Expires and Max-Age: the browser then keeps the cookie for its session only. */
export function asBrowserSessionCookie(setCookie: string): string {
  return setCookie
    .split(";")
    .filter((part) => !/^\s*(expires|max-age)\s*=/i.test(part))
    .join(";");
}

/**
 * next-auth writes the session cookie with an Expires date every time it issues it (sign-in and
 * each session read). For sessions without "Keep me signed in" that would outlive the browser,
 * so every response that sets it passes through here and loses its expiry. The choice itself
 * travels inside the encrypted session token, so this reads the token being set.
 */
export async function applySessionCookiePolicy(response: Response, sessionCookie: string, secret: string) {
  const setCookies = response.headers.getSetCookie();
  const isSessionCookie = (name: string) => name === sessionCookie || name.startsWith(`${sessionCookie}.`);
  const sessionParts = setCookies.filter((c) => isSessionCookie(cookieName(c)) && cookieValue(c) !== "");
  if (sessionParts.length === 0) return response;

  // A token too large for one cookie arrives in chunks `.0`, `.1`, … in order.
  const token = sessionParts.map(cookieValue).join("");
  const claims = await decode({ token, secret }).catch(() => null);
  if (claims?.persistent !== false) return response;

  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of setCookies) {
    headers.append(
      "set-cookie",
      isSessionCookie(cookieName(cookie)) && cookieValue(cookie) !== "" ? asBrowserSessionCookie(cookie) : cookie,
    );
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
