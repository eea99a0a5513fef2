import assert from "node:assert/strict";
import { createHash, X509Certificate } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { CONSUMERS_TENANT_ID } from "../directory/model";
import * as recorded from "./fixtures/entra-recorded";
import { startTestEmulator, type TestEmulator } from "./support/emulator";

/** Members whose values name Microsoft's cloud hosts; the emulator names itself instead. */
const CLOUD_NAMES = new Set([
  "cloud_instance_name",
  "cloud_graph_host_name",
  "msgraph_host",
  "rbac_url",
  "userinfo_endpoint",
]);

/**
 * Same members in the same order; URL values equal once Entra's host and recorded tenant are
 * replaced by the emulator's; other values equal.
 */
function assertSameDocument(
  actual: Record<string, unknown>,
  real: Record<string, unknown>,
  url: string,
  tenant: string | null,
): void {
  assert.deepEqual(Object.keys(actual), Object.keys(real), "members and their order");
  for (const [key, realValue] of Object.entries(real)) {
    const value = actual[key];
    if (CLOUD_NAMES.has(key)) {
      assert.equal(typeof value, typeof realValue, key);
      continue;
    }
    if (
      typeof realValue === "string" &&
      (realValue.startsWith("https://login.microsoftonline.com") || realValue.startsWith("https://sts.windows.net"))
    ) {
      let expected = realValue
        .replace("https://login.microsoftonline.com", url)
        .replace("https://sts.windows.net", url);
      if (tenant) expected = expected.replace(recorded.REAL_TENANT, tenant);
      assert.equal(value, expected, key);
      continue;
    }
    if (key === "tenant_region_scope" && realValue !== null) {
      assert.match(String(value), /^[A-Z]{2}$/, key);
      continue;
    }
    assert.deepEqual(value, realValue, key);
  }
}

describe("discovery", () => {
  let t: TestEmulator;
  before(async () => {
    t = await startTestEmulator();
  });
  after(() => t.emu.stop());

  test("common and organizations documents match the recorded /common document", async () => {
    for (const segment of ["common", "organizations"]) {
      const res = await t.call(`/${segment}/v2.0/.well-known/openid-configuration`);
      assert.equal(res.status, 200);
      assert.equal(res.headers["cache-control"], "max-age=86400, private");
      assert.equal(res.headers["access-control-allow-origin"], "*");
      assert.match(String(res.headers["content-type"]), /^application\/json; charset=utf-8$/);
      const real = JSON.parse(JSON.stringify(recorded.commonV2Discovery).replaceAll("/common/", `/${segment}/`));
      assertSameDocument(res.json(), real, t.emu.url, null);
      assert.equal(res.json().issuer, `${t.emu.url}/{tenantid}/v2.0`);
    }
  });

  test("a tenant document matches the recorded tenant document, by GUID and by verified domain", async () => {
    const contoso = t.tenantId("contoso.com");
    for (const segment of [contoso, "contoso.onmicrosoft.com", "CONTOSO.COM"]) {
      const res = await t.call(`/${segment}/v2.0/.well-known/openid-configuration`);
      assert.equal(res.status, 200, segment);
      assertSameDocument(res.json(), recorded.tenantV2Discovery, t.emu.url, contoso);
      assert.equal(res.json().issuer, t.emu.issuerFor(contoso));
    }
  });

  test("consumers resolves to the fixed personal-account issuer", async () => {
    const body = (await t.call("/consumers/v2.0/.well-known/openid-configuration")).json();
    assert.equal(body.issuer, `${t.emu.url}/${CONSUMERS_TENANT_ID}/v2.0`);
    assert.equal(body.authorization_endpoint, `${t.emu.url}/consumers/oauth2/v2.0/authorize`);
  });

  test("the v1 document matches the recorded v1 document", async () => {
    const res = await t.call("/common/.well-known/openid-configuration");
    assertSameDocument(res.json(), recorded.commonV1Discovery, t.emu.url, null);
  });

  test("unknown query parameters are ignored and ?appid= is echoed on jwks_uri (next-auth)", async () => {
    const appId = t.emu.clients.web.clientId;
    const body = (
      await t.call(`/common/v2.0/.well-known/openid-configuration?appid=${appId}&x-client-SKU=test`)
    ).json();
    assert.equal(body.jwks_uri, `${t.emu.url}/common/discovery/v2.0/keys?appid=${appId}`);
  });

  test("an unknown tenant is AADSTS90002 in Entra's envelope", async () => {
    const res = await t.call("/not-a-tenant.example/v2.0/.well-known/openid-configuration");
    assert.equal(res.status, 400);
    const body = res.json();
    assert.deepEqual(Object.keys(body), recorded.errorEnvelopeMembers);
    assert.equal(body.error, "invalid_request");
    assert.deepEqual(body.error_codes, [90002]);
    assert.match(String(body.error_description), /^AADSTS90002: Tenant 'not-a-tenant.example' not found\./);
  });

  test("JWKS keys carry Entra's members, kid = x5t = SHA-1 thumbprint, and the issuer member", async () => {
    const common = (await t.call("/common/discovery/v2.0/keys")).json<{ keys: Record<string, unknown>[] }>();
    assert.equal(common.keys.length, 2);
    for (const key of common.keys) {
      assert.deepEqual(Object.keys(key), recorded.jwksKeyMembers);
      assert.equal(key.kid, key.x5t);
      const cert = new X509Certificate(Buffer.from(String((key.x5c as string[])[0]), "base64"));
      assert.equal(key.x5t, createHash("sha1").update(cert.raw).digest("base64url"));
      assert.equal(cert.publicKey.export({ format: "jwk" }).n, key.n);
    }
    assert.equal(common.keys[0]?.issuer, `${t.emu.url}/{tenantid}/v2.0`);
    assert.equal(common.keys[1]?.issuer, `${t.emu.url}/${CONSUMERS_TENANT_ID}/v2.0`);

    const contoso = t.tenantId("contoso.com");
    const tenantKeys = (await t.call(`/${contoso}/discovery/v2.0/keys`)).json<{ keys: Record<string, unknown>[] }>();
    assert.deepEqual(
      tenantKeys.keys.map((k) => k.issuer),
      [t.emu.issuerFor(contoso)],
    );
    const consumers = (await t.call("/consumers/discovery/v2.0/keys")).json<{ keys: Record<string, unknown>[] }>();
    assert.deepEqual(
      consumers.keys.map((k) => k.kid),
      [common.keys[1]?.kid],
    );
  });

  test("instance discovery answers like Entra for the emulator's host and refuses others", async () => {
    const contoso = t.tenantId("contoso.com");
    const endpoint = `${t.emu.url}/${contoso}/oauth2/v2.0/authorize`;
    const res = await t.call(
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(endpoint)}`,
    );
    const body = res.json();
    assert.deepEqual(Object.keys(body), Object.keys(recorded.instanceDiscovery));
    assert.equal(body.tenant_discovery_endpoint, `${t.emu.url}/${contoso}/v2.0/.well-known/openid-configuration`);
    assert.deepEqual(body.metadata, [
      { preferred_network: t.emu.hostPort, preferred_cache: t.emu.hostPort, aliases: [t.emu.hostPort] },
    ]);
    assert.deepEqual(
      Object.keys((body.metadata as object[])[0] ?? {}),
      Object.keys(recorded.instanceDiscovery.metadata[0] ?? {}),
    );

    const other = await t.call(
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent("https://evil.example/common/oauth2/v2.0/authorize")}`,
    );
    assert.equal(other.status, 400);
    assert.equal(other.json().error, "invalid_instance");
    assert.deepEqual(other.json().error_codes, [50049]);
  });

  test("the TLS certificate names localhost and 127.0.0.1 and chains to the CA", async () => {
    const { readFileSync } = await import("node:fs");
    const { tlsCertPem } = await import("../pki/store").then(async (m) =>
      m.loadOrCreatePki(t.emu.caFile.replace(/\/pki\/ca\.pem$/, ""), ["localhost"]),
    );
    const cert = new X509Certificate(tlsCertPem);
    assert.match(String(cert.subjectAltName), /DNS:localhost/);
    assert.match(String(cert.subjectAltName), /IP Address:127\.0\.0\.1/);
    assert.ok(cert.checkIssued(new X509Certificate(readFileSync(t.emu.caFile))));
    const bundle = readFileSync(t.emu.caBundleFile, "utf8");
    assert.ok(bundle.includes(readFileSync(t.emu.caFile, "utf8").trim()), "the bundle ends with the emulator CA");
    const base = process.env.NODE_EXTRA_CA_CERTS;
    if (base)
      assert.ok(
        bundle.startsWith(readFileSync(base, "utf8").trimEnd().slice(0, 200)),
        "the bundle starts with the existing bundle",
      );
  });
});
