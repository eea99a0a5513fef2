// The emulator, as integration tests reach it: the integration tier runs under
// scripts/with-emulator.mjs --test-mode, which puts its URL, the app registrations and the CA
// bundle in the environment.
import { env, requireIdentity } from "@/lib/env";

export const SEEDED = {
  contoso: "69ccb639-833e-460b-967f-f707c63700f4",
  fabrikam: "60670de8-dfb6-4061-95c6-1a2a54e23b1e",
  northwind: "42084763-0cf2-4fb8-bd70-ef76af2f0bb7",
  consumers: "9188040d-6c67-4c5b-b112-36a304b66dad",
  password: "Passw0rd!",
} as const;

export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
  scope?: string;
  client_info?: string;
}

function hooksUrl(): string {
  const url = env().ENTRA_EMULATOR_TEST_HOOKS;
  if (!url) throw new Error("integration tests need the emulator in test mode (scripts/with-emulator.mjs --test-mode)");
  return url;
}

/** Tokens for a seeded user through the resource-owner password grant (test automation). */
export async function passwordGrant(input: {
  tenant: string;
  username: string;
  scope: string;
  client?: { clientId: string; clientSecret: string };
  /** Another emulator than the configured one (same seed, so the same app registrations). */
  instance?: string;
}): Promise<TokenResponse> {
  const identity = requireIdentity();
  const client = input.client ?? identity.web;
  const response = await fetch(`${input.instance ?? identity.instance}/${input.tenant}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      username: input.username,
      password: SEEDED.password,
      scope: input.scope,
      client_info: "1",
    }),
  });
  const body = (await response.json()) as TokenResponse & { error?: string; error_description?: string };
  if (!response.ok) throw new Error(`password grant failed: ${body.error}: ${body.error_description}`);
  return body;
}

async function hook(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${hooksUrl()}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`emulator hook ${path} failed: ${response.status}`);
  return response.json();
}

export const emulator = {
  tamperNextIdToken: (kind: string, times = 1) => hook("/tamper-id-token", { kind, times }),
  advanceClock: (seconds: number) => hook("/clock", { advanceSeconds: seconds }),
  resetClock: () => hook("/clock", { reset: true }),
  reset: () => hook("/reset"),
};
