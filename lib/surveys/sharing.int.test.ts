// Contributors and invitations: Tailspin's cross-tenant sharing, and tenant isolation of both.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { appActor, createCast, createUserActor, dismissCast } from "@/test/support/actors";
import { createDraft, setTenantStatus } from "@/test/support/surveys";
import type { TenantFixture } from "@/test/support/tenants";
import { listContributors, removeContributor } from "./contributors";
import {
  acceptInvitation,
  createInvitation,
  hashInvitationToken,
  listPendingInvitations,
  revokeInvitation,
} from "./invitations";
import { publishSurvey, unpublishSurvey } from "./lifecycle";
import { deleteSurvey, updateSurvey } from "./mutations";
import { getSurvey, listContributingSurveys } from "./queries";
import { updateQuestion } from "./questions";
import { getSurveyResults } from "./results";

let a: TenantFixture;
let b: TenantFixture;
let owner: UserActor;
let readerA: UserActor;
let adminB: UserActor;
/** A SurveyAdmin of tenant B, so the tests prove that role does not travel to A's surveys. */
let guest: UserActor;

before(async () => {
  ({ a, b, owner, reader: readerA, adminB } = await createCast(db()));
  guest = await createUserActor(
    db(),
    b.tenantId,
    ["SurveyAdmin"],
    `Guest.${randomUUID().slice(0, 6)}@Fabrikam.example`,
  );
});

after(() => dismissCast(db(), { a, b }));

const invitationRow = (tenantId: string, id: string) =>
  db().invitation.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } });

describe("a cross-tenant contributor", () => {
  test("is invited by e-mail, accepts from their own tenant, edits, reads results, and is removed", async () => {
    const survey = await createDraft(owner);
    const { invitation, token } = await createInvitation(
      owner,
      survey.id,
      { email: guest.email ?? "" },
      {
        correlationId: "c-invite",
      },
    );
    assert.equal(invitation.email, guest.email?.toLowerCase());
    assert.equal(invitation.status, "pending");
    assert.equal(invitation.tenantId, a.tenantId);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 13.9 && days <= 14, `expires in ${days} days`);
    const stored = await invitationRow(a.tenantId, invitation.id);
    assert.equal(stored.tokenHash, hashInvitationToken(token));
    assert.notEqual(stored.tokenHash, token);
    assert.deepEqual(
      (await listPendingInvitations(owner, survey.id)).map((i) => i.id),
      [invitation.id],
    );

    // Before accepting, the guest's tenant cannot see the survey at all.
    await assert.rejects(getSurvey(guest, survey.id), NotFoundError);

    const accepted = await acceptInvitation(guest, { tenantId: a.tenantId, token });
    assert.deepEqual(accepted, { tenantId: a.tenantId, surveyId: survey.id });
    const contributors = await listContributors(owner, survey.id);
    assert.deepEqual(
      contributors.map((c) => [c.userTenantId, c.userId]),
      [[b.tenantId, guest.userId]],
    );
    assert.deepEqual(await listPendingInvitations(owner, survey.id), []);
    assert.deepEqual(
      (await listContributingSurveys(guest)).map((s) => s.id),
      [survey.id],
    );

    const view = await getSurvey(guest, survey.id);
    assert.equal(view.access.relationship, "contributor");
    assert.deepEqual([...view.access.permissions].sort(), ["results:read", "survey:read", "survey:update"]);
    const question = view.questions[0];
    assert.ok(question);
    assert.equal(
      (await updateQuestion(guest, survey.id, question.id, { text: "Edited by guest" })).text,
      "Edited by guest",
    );
    assert.equal((await getSurveyResults(guest, survey.id)).totalResponses, 0);
    await assert.rejects(publishSurvey(guest, survey.id), ForbiddenError);
    await assert.rejects(deleteSurvey(guest, survey.id), ForbiddenError);
    await assert.rejects(createInvitation(guest, survey.id, { email: "x@example.com" }), ForbiddenError);
    await assert.rejects(
      removeContributor(guest, survey.id, { userTenantId: b.tenantId, userId: guest.userId }),
      ForbiddenError,
    );
    await assert.rejects(listPendingInvitations(guest, survey.id), ForbiddenError);
    await assert.rejects(revokeInvitation(guest, survey.id, invitation.id), ForbiddenError);
    await assert.rejects(unpublishSurvey(guest, survey.id), ForbiddenError);
    // Contributing to one survey opens no other survey of that tenant.
    const sibling = await createDraft(owner);
    await assert.rejects(getSurvey(guest, sibling.id), NotFoundError);
    await assert.rejects(updateSurvey(guest, sibling.id, { title: "No" }), NotFoundError);

    const actions = await db().auditEvent.findMany({ where: { tenantId: a.tenantId }, orderBy: { at: "asc" } });
    const mine = actions.filter((e) => e.targetId === invitation.id || e.targetId === survey.id).map((e) => e.action);
    // Events of one transaction share its timestamp, so compare them as a set.
    assert.deepEqual(mine.sort(), ["contributor.added", "invitation.accepted", "invitation.created", "survey.created"]);
    assert.equal(
      actions.find((e) => e.action === "invitation.created" && e.targetId === invitation.id)?.correlationId,
      "c-invite",
    );
    assert.equal(actions.find((e) => e.action === "invitation.accepted")?.actor, `${guest.oid}.${b.tenantId}`);

    await removeContributor(owner, survey.id, { userTenantId: b.tenantId, userId: guest.userId });
    await assert.rejects(getSurvey(guest, survey.id), NotFoundError);
    assert.deepEqual(await listContributingSurveys(guest), []);
    assert.ok(
      await db().auditEvent.findFirst({
        where: { tenantId: a.tenantId, action: "contributor.removed", targetId: survey.id },
      }),
    );
  });
});

describe("invitations refuse clearly", () => {
  test("someone signed in with another address", async () => {
    const survey = await createDraft(owner);
    const { invitation, token } = await createInvitation(owner, survey.id, { email: "someone.else@example.com" });
    await assert.rejects(acceptInvitation(guest, { tenantId: a.tenantId, token }), /sent to another e-mail address/);
    assert.equal((await invitationRow(a.tenantId, invitation.id)).acceptedAt, null);
    assert.deepEqual(await listContributors(owner, survey.id), []);
  });

  test("expired, revoked, used, unknown and malformed links", async () => {
    const survey = await createDraft(owner);
    const expired = await createInvitation(owner, survey.id, { email: guest.email ?? "" });
    await db().invitation.updateMany({
      where: { tenantId: a.tenantId, id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await assert.rejects(acceptInvitation(guest, { tenantId: a.tenantId, token: expired.token }), /has expired/);

    const revoked = await createInvitation(owner, survey.id, { email: guest.email ?? "" });
    await revokeInvitation(owner, survey.id, revoked.invitation.id);
    await assert.rejects(revokeInvitation(owner, survey.id, revoked.invitation.id), /already revoked/);
    await assert.rejects(acceptInvitation(guest, { tenantId: a.tenantId, token: revoked.token }), /revoked/);

    const good = await createInvitation(owner, survey.id, { email: guest.email ?? "" });
    await acceptInvitation(guest, { tenantId: a.tenantId, token: good.token });
    await assert.rejects(acceptInvitation(guest, { tenantId: a.tenantId, token: good.token }), /already been used/);

    await assert.rejects(acceptInvitation(guest, { tenantId: a.tenantId, token: "x".repeat(43) }), NotFoundError);
    await assert.rejects(acceptInvitation(guest, { tenantId: a.tenantId, token: "short" }), ValidationError);
    await assert.rejects(
      acceptInvitation(appActor(b.tenantId), { tenantId: a.tenantId, token: good.token }),
      ForbiddenError,
    );
  });

  test("a link to a survey of an offboarded tenant stops working", async () => {
    const survey = await createDraft(owner);
    const { invitation, token } = await createInvitation(owner, survey.id, { email: guest.email ?? "" });
    await setTenantStatus(db(), a.tenantId, "OFFBOARDED");
    try {
      await assert.rejects(acceptInvitation(guest, { tenantId: a.tenantId, token }), NotFoundError);
    } finally {
      await setTenantStatus(db(), a.tenantId, "ACTIVE");
    }
    assert.equal((await invitationRow(a.tenantId, invitation.id)).acceptedAt, null);
    assert.deepEqual(await listContributors(owner, survey.id), []);
  });

  test("the owner and existing contributors (any letter case) cannot be invited", async () => {
    const survey = await createDraft(owner);
    await assert.rejects(
      createInvitation(owner, survey.id, { email: owner.email?.toUpperCase() ?? "" }),
      /owns this survey/,
    );
    const { token } = await createInvitation(owner, survey.id, { email: guest.email ?? "" });
    await acceptInvitation(guest, { tenantId: a.tenantId, token });
    await assert.rejects(
      createInvitation(owner, survey.id, { email: guest.email?.toLowerCase() ?? "" }),
      ConflictError,
    );
    await assert.rejects(createInvitation(owner, survey.id, { email: "not an address" }), ValidationError);
  });

  test("re-inviting a pending address replaces the old invitation", async () => {
    const survey = await createDraft(owner);
    const first = await createInvitation(owner, survey.id, { email: "Pending@Example.com" });
    const second = await createInvitation(owner, survey.id, { email: "pending@example.com" });
    const pending = await listPendingInvitations(owner, survey.id);
    assert.deepEqual(
      pending.map((i) => i.id),
      [second.invitation.id],
    );
    assert.ok((await invitationRow(a.tenantId, first.invitation.id)).revokedAt);
  });

  test("only the owner or an admin manages invitations; applications cannot send them", async () => {
    const survey = await createDraft(owner);
    await assert.rejects(
      createInvitation(readerA, survey.id, { email: "x@example.com" }),
      /Only the owner or a survey admin/,
    );
    await assert.rejects(listPendingInvitations(readerA, survey.id), ForbiddenError);
    await assert.rejects(
      createInvitation(appActor(a.tenantId), survey.id, { email: "x@example.com" }),
      /Applications cannot invite/,
    );
    assert.deepEqual(await listPendingInvitations(appActor(a.tenantId), survey.id), []);
  });
});

describe("isolation", () => {
  test("tenant B cannot see or change tenant A's contributors", async () => {
    const survey = await createDraft(owner);
    const contributorA = await createUserActor(db(), a.tenantId, []);
    await db().contributor.create({
      data: { tenantId: a.tenantId, surveyId: survey.id, userTenantId: a.tenantId, userId: contributorA.userId },
    });
    await assert.rejects(listContributors(adminB, survey.id), NotFoundError);
    await assert.rejects(
      removeContributor(adminB, survey.id, { userTenantId: a.tenantId, userId: contributorA.userId }),
      NotFoundError,
    );
    assert.equal((await listContributors(owner, survey.id)).length, 1);
    await assert.rejects(
      removeContributor(owner, survey.id, { userTenantId: a.tenantId, userId: randomUUID() }),
      NotFoundError,
    );
  });

  test("tenant B cannot see, revoke or redeem tenant A's invitations through its own tenant", async () => {
    const survey = await createDraft(owner);
    const { invitation, token } = await createInvitation(owner, survey.id, { email: adminB.email ?? "" });
    await assert.rejects(listPendingInvitations(adminB, survey.id), NotFoundError);
    await assert.rejects(revokeInvitation(adminB, survey.id, invitation.id), NotFoundError);
    const surveyB = await createDraft(adminB);
    await assert.rejects(revokeInvitation(adminB, surveyB.id, invitation.id), NotFoundError);
    await assert.rejects(createInvitation(adminB, survey.id, { email: "x@example.com" }), NotFoundError);
    // The token only works together with the survey's tenant.
    await assert.rejects(acceptInvitation(adminB, { tenantId: b.tenantId, token }), NotFoundError);
    const row = await invitationRow(a.tenantId, invitation.id);
    assert.equal(row.revokedAt, null);
    assert.equal(row.acceptedAt, null);
  });
});
