"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cookieAttributes, cookieNames, isSecureOrigin } from "@/lib/auth/cookies";
import { signOut } from "@/lib/auth/sign-out";
import { startSignUp } from "@/lib/auth/sign-up";
import { requireIdentity } from "@/lib/env";

/** The "Keep me signed in" choice, read back by the sign-in callback a moment later. */
export async function rememberKeepSignedIn(keep: boolean): Promise<void> {
  const secure = isSecureOrigin(requireIdentity().appUrl);
  (await cookies()).set(cookieNames(secure).keepSignedIn, keep ? "1" : "0", cookieAttributes(secure, 15 * 60));
}

export async function signOutAction(): Promise<void> {
  redirect(await signOut());
}

export async function startSignUpAction(): Promise<void> {
  redirect(await startSignUp());
}
