// Who the fuzzed requests come from: the two signed-in callers (Contoso's Adele, Fabrikam's
// Diego), with the tokens and identities the setup gives them; the anonymous and garbage-token
// callers need neither.
import { claimsOf } from "@/test/support/emulator-hooks";
import { SEEDED } from "@/test/support/entra";
import { apiTokenFor } from "../harness";

export type Who = "contoso" | "fabrikam";
export type Caller = { who: Who | "anonymous" } | { who: "garbage"; authorization: string };
export interface Identity {
  tenantId: string;
  userId: string;
  email: string;
}

export const SIGNED_IN = ["contoso", "fabrikam"] as const satisfies readonly Who[];
export const TENANTS = [SEEDED.contoso, SEEDED.fabrikam];

const tokens: Record<Who, string> = { contoso: "", fabrikam: "" };
const me: Record<Who, Identity> = {
  contoso: { tenantId: SEEDED.contoso, userId: "", email: "" },
  fabrikam: { tenantId: SEEDED.fabrikam, userId: "", email: "" },
};

/** Tokens for both callers, and their addresses as the API compares them (lower case). */
export async function signInCallers(): Promise<void> {
  tokens.contoso = await apiTokenFor("adele@contoso.com");
  tokens.fabrikam = await apiTokenFor("diego@fabrikam.com", SEEDED.fabrikam);
  for (const who of SIGNED_IN) {
    me[who].email = String(claimsOf(tokens[who]).preferred_username).toLowerCase();
  }
}

/** A caller's user id is known only once the API has named it (the owner of a survey it made). */
export function setUserId(who: Who, userId: string): void {
  me[who].userId = userId;
}

export const tokenOf = (who: Who): string => tokens[who];
export const identityOf = (who: Who): Readonly<Identity> => me[who];
export const isSignedIn = (caller: Caller): caller is { who: Who } =>
  caller.who === "contoso" || caller.who === "fabrikam";
