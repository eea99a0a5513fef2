import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gateReason, type Respondent, respondentKeyFor, type SurveyGateFacts } from "./availability";

const now = new Date("2026-06-01T12:00:00Z");
const tenant = "00000000-0000-4000-8000-00000000000a";
const open: SurveyGateFacts = {
  tenantId: tenant,
  status: "PUBLISHED",
  audience: "ANYONE_WITH_LINK",
  opensAt: null,
  closesAt: null,
};
const anonymous: Respondent = { kind: "anonymous", clientKey: "c" };
const colleague: Respondent = { kind: "user", tenantId: tenant, oid: "o1" };
const stranger: Respondent = { kind: "user", tenantId: "00000000-0000-4000-8000-00000000000b", oid: "o2" };

describe("who may answer now", () => {
  test("a published survey open to anyone with the link", () => {
    assert.equal(gateReason(open, anonymous, now), null);
    assert.equal(gateReason(open, stranger, now), null);
  });

  test("drafts, closed surveys and closing times that passed", () => {
    assert.equal(gateReason({ ...open, status: "DRAFT" }, anonymous, now), "not_published");
    assert.equal(gateReason({ ...open, status: "CLOSED" }, anonymous, now), "closed");
    assert.equal(gateReason({ ...open, closesAt: now }, anonymous, now), "closed");
    assert.equal(gateReason({ ...open, closesAt: new Date(now.getTime() + 1) }, anonymous, now), null);
  });

  test("an opening time still ahead", () => {
    assert.equal(gateReason({ ...open, opensAt: new Date(now.getTime() + 1000) }, anonymous, now), "not_open_yet");
    assert.equal(gateReason({ ...open, opensAt: now }, anonymous, now), null);
  });

  test("signed-in audiences", () => {
    const tenantOnly = { ...open, audience: "TENANT_USERS" as const };
    const registered = { ...open, audience: "REGISTERED_TENANT_USERS" as const };
    assert.equal(gateReason(tenantOnly, anonymous, now), "sign_in_required");
    assert.equal(gateReason(registered, anonymous, now), "sign_in_required");
    assert.equal(gateReason(tenantOnly, stranger, now), "wrong_organization");
    assert.equal(gateReason(tenantOnly, colleague, now), null);
    assert.equal(gateReason(registered, stranger, now), null);
  });

  test("one response per person only where people sign in", () => {
    assert.equal(respondentKeyFor("TENANT_USERS", colleague), `o1.${tenant}`);
    assert.equal(
      respondentKeyFor("REGISTERED_TENANT_USERS", stranger),
      `o2.${stranger.kind === "user" ? stranger.tenantId : ""}`,
    );
    assert.equal(respondentKeyFor("ANYONE_WITH_LINK", colleague), null);
    assert.equal(respondentKeyFor("TENANT_USERS", anonymous), null);
  });
});
