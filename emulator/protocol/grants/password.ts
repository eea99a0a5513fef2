import { newGuid } from "../../support/ids";
import { resolveSignIn } from "../accounts";
import { assertConsented } from "../consent";
import { AadError } from "../errors";
import { issueUserTokens, type TokenResponse, tokenTarget } from "../issue-tokens";
import { parseScopes } from "../scopes";
import type { GrantInput } from "./grant";

/** Resource-owner password credentials: for test automation only, like in real tenants. */
export function passwordGrant({ ectx, form, segment, client, clientAuth }: GrantInput): TokenResponse {
  const { directory } = ectx;
  const username = form.get("username");
  if (!username) throw new AadError(900144, { name: "username" });
  const password = form.get("password");
  if (!password) throw new AadError(900144, { name: "password" });
  const scope = form.get("scope");
  if (!scope) throw new AadError(900144, { name: "scope" });
  const home = directory.findHomeUser(username);
  // Entra prints {EmailHidden} literally rather than echo the address.
  if (!home) throw new AadError(50034, { tenantId: segment.kind === "tenant" ? segment.tenant.id : segment.segment });
  if ((home.password ?? directory.defaultPassword) !== password) throw new AadError(50126);
  const { tenant, user } = resolveSignIn(ectx, segment, client, home);
  const parsed = parseScopes(directory, client, scope, tenant.displayName);
  const target = tokenTarget(ectx, parsed);
  // ROPC cannot show a consent page, so consent must already exist.
  assertConsented(directory, tenant, client, user, parsed);
  return issueUserTokens(ectx, {
    client,
    tenant,
    user,
    parsed,
    target,
    nonce: undefined,
    sid: newGuid(),
    authTime: ectx.clock.nowSeconds(),
    clientAuth,
    clientInfo: form.get("client_info") === "1",
    grantScope: scope,
  });
}
