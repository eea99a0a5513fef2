import "server-only";
import { cookies } from "next/headers";
import { requireIdentity } from "@/lib/env";
import { logger } from "@/lib/log";
import { forgetUserTokens } from "@/lib/tokens";
import { cookieNames, isSecureOrigin } from "./cookies";
import { getSession } from "./session";
import { revokeUserSession } from "./sessions";

/**
 * Ends the session here (its row revoked: a copied cookie stops working), drops everything we
 * hold of the person's tokens, clears the cookie, and returns the IdP's end-session URL to send
 * the browser to; Entra then comes back to our home page.
 */
export async function signOut(): Promise<string> {
  const identity = requireIdentity();
  const session = await getSession();
  if (session) {
    await revokeUserSession(session.actor.tenantId, session.sessionId);
    await forgetUserTokens({ tenantId: session.actor.tenantId, homeAccountId: session.homeAccountId });
    logger().info({ tid: session.actor.tenantId }, "signed out");
  }
  const names = cookieNames(isSecureOrigin(identity.appUrl));
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (cookie.name === names.session || cookie.name.startsWith(`${names.session}.`)) jar.delete(cookie.name);
  }
  const query = new URLSearchParams({ post_logout_redirect_uri: `${identity.appUrl}/` });
  return `${identity.instance}/common/oauth2/v2.0/logout?${query}`;
}
