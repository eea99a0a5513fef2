"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { rememberKeepSignedIn } from "@/app/actions/auth";

export function SignInForm({
  callbackUrl,
  loginHint,
  browserHours,
  consent = false,
  claims,
}: {
  callbackUrl: string;
  loginHint?: string;
  browserHours: number;
  /** Ask Entra for consent again (a permission the API needs downstream is missing). */
  consent?: boolean;
  /** A claims challenge to satisfy (MFA, Conditional Access), passed on as Entra expects it. */
  claims?: string;
}) {
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const keep = new FormData(event.currentTarget).get("keep") === "on";
    await rememberKeepSignedIn(keep);
    await signIn(
      "azure-ad",
      { callbackUrl },
      {
        prompt: consent ? "consent" : "select_account",
        ...(loginHint ? { login_hint: loginHint } : {}),
        ...(claims ? { claims } : {}),
      },
    );
  }

  return (
    <form className="stack" onSubmit={onSubmit}>
      <p className="checkbox">
        <input id="keep" name="keep" type="checkbox" />
        <label htmlFor="keep">Keep me signed in</label>
      </p>
      <p className="muted small" id="keep-hint">
        Leave this unchecked on a shared computer: you are then signed out when the browser closes, and after{" "}
        {browserHours} hours at the latest.
      </p>
      <p>
        <button aria-describedby="keep-hint" className="button" disabled={busy} type="submit">
          {busy ? "Signing in…" : "Sign in with Microsoft"}
        </button>
      </p>
    </form>
  );
}
