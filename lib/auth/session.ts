// Identity is one function: getSession() is the only caller of next-auth's session API. Pages,
// layouts, server actions and route handlers ask it who is signed in; it is cached per request.
import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { AppRole, UserActor } from "./actor";
import { authOptions } from "./options";
import { sessionPolicy } from "./policy";
import { PATH_HEADER, safeReturnPath } from "./session-path";

export { safeReturnPath };

import { findActiveSession } from "./sessions";

export interface AppSession {
  actor: UserActor;
  sessionId: string;
  /** msal-node's account key of this person's token cache partition. */
  homeAccountId: string;
  tenantName: string;
  persistent: boolean;
}

/**
 * The signed-in person, or null. A valid cookie is not enough: its server-side session must be
 * live and its tenant active, so sign-out and offboarding act on the very next request.
 */
export const getSession = cache(async (): Promise<AppSession | null> => {
  // Reading the cookies first makes every page that asks dynamic (never prerendered at build,
  // where no identity config exists). The one-argument (RSC) form of getServerSession never
  // writes cookies; only /api/auth/* issues them.
  await cookies();
  const session = await getServerSession(authOptions());
  if (!session?.sid || !session.tid || !session.uid) return null;
  const live = await findActiveSession(session.tid, session.sid, sessionPolicy());
  if (!live || live.userId !== session.uid) return null;
  return {
    actor: {
      kind: "user",
      tenantId: session.tid,
      userId: session.uid,
      oid: session.oid,
      roles: session.roles ?? [],
      name: session.user.name,
      email: session.user.email,
    },
    sessionId: session.sid,
    homeAccountId: session.hid,
    tenantName: live.tenantName,
    persistent: live.persistent,
  };
});

/** The path (and query) of the page being rendered, for coming back after sign-in. */
export async function currentPath(): Promise<string> {
  const path = (await headers()).get(PATH_HEADER) ?? "/";
  return safeReturnPath(path);
}

export function signInPath(returnTo: string): string {
  return `/signin?${new URLSearchParams({ callbackUrl: safeReturnPath(returnTo) })}`;
}

/** The signed-in session, or a redirect to sign-in that comes back to this page. */
export async function requireSession(): Promise<AppSession> {
  const session = await getSession();
  if (!session) redirect(signInPath(await currentPath()));
  return session;
}

/** Signed in and holding one of the roles, or the 403 page (never a redirect loop). */
export async function requireRole(...roles: AppRole[]): Promise<AppSession> {
  const session = await requireSession();
  if (!roles.some((role) => session.actor.roles.includes(role))) forbidden();
  return session;
}
