"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function ContinueSignUp() {
  const [busy, setBusy] = useState(false);
  return (
    <p>
      <button
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await signIn("azure-ad", { callbackUrl: "/signup/complete" }, { prompt: "select_account" });
        }}
        type="button"
      >
        {busy ? "Signing in…" : "Sign in to finish"}
      </button>
    </p>
  );
}
