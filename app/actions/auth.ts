"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cookieAttributes, cookieNames, isSecureOrigin } from "@/lib/auth/cookies";
import { refusalPath } from "@/lib/auth/refusals";
import { signOut } from "@/lib/auth/sign-out";
import { startSignUp } from "@/lib/auth/sign-up";
import { clientAddress } from "@/lib/client-address";
import { requireIdentity } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";

/** The "Keep me signed in" choice, read back by the sign-in callback a moment later. */
export async function rememberKeepSignedIn(keep: boolean): Promise<void> {
  const secure = isSecureOrigin(requireIdentity().appUrl);
  (await cookies()).set(cookieNames(secure).keepSignedIn, keep ? "1" : "0", cookieAttributes(secure, 15 * 60));
}

export async function signOutAction(): Promise<void> {
  redirect(await signOut());
}

export async function startSignUpAction(): Promise<void> {
  let destination: string;
  try {
    destination = await startSignUp(clientAddress({ headers: await headers() }));
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    destination = refusalPath("sign_up_rate_limited");
  }
  redirect(destination);
}
