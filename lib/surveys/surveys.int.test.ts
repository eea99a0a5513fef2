// Surveys: who may create, read, edit, publish and delete them, and tenant isolation.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { AppActor, UserActor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { actorOf, appActor, createCast, createUserActor, dismissCast } from "@/test/support/actors";
import {
  ANYONE,
  addContributor,
  createDraft,
  createPublished,
  setTenantStatus,
  submitSample,
} from "@/test/support/surveys";
import { createTenantWithUser, deleteTenants, type TenantFixture } from "@/test/support/tenants";
import { closeSurvey, publishSurvey, reopenSurvey, unpublishSurvey } from "./lifecycle";
import { createSurvey, deleteSurvey, updateSurvey } from "./mutations";
import { getSurvey, listContributingSurveys, listMySurveys, listTenantSurveys } from "./queries";
import { addQuestion } from "./questions";

let a: TenantFixture;
let b: TenantFixture;
let adminA: UserActor;
let owner: UserActor;
let otherCreator: UserActor;
let reader: UserActor;
let contributor: UserActor;
let appA: AppActor;
let adminB: UserActor;
let creatorB: UserActor;
/** A SurveyAdmin of tenant B who contributes to some of A's surveys: B's role never travels to A. */
let guestB: UserActor;

before(async () => {
  ({ a, b, adminA, adminB, owner, reader } = await createCast(db()));
  otherCreator = await createUserActor(db(), a.tenantId, ["SurveyCreator"]);
  contributor = await createUserActor(db(), a.tenantId, []);
  creatorB = await createUserActor(db(), b.tenantId, ["SurveyCreator"]);
  guestB = await createUserActor(db(), b.tenantId, ["SurveyAdmin"]);
  appA = appActor(a.tenantId);
});

after(() => dismissCast(db(), { a, b }));

const row = (survey: { tenantId: string; id: string }) =>
  db().survey.findUniqueOrThrow({ where: { tenantId_id: { tenantId: survey.tenantId, id: survey.id } } });

const auditActions = async (targetId: string) =>
  (await db().auditEvent.findMany({ where: { targetId }, orderBy: { at: "asc" } })).map((e) => e.action);

const surveyCount = () => db().survey.count({ where: { tenantId: a.tenantId } });

/** Asserts a ConflictError whose message matches. */
const conflict = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof ConflictError, String(error));
  assert.match(error.message, pattern);
  return true;
};

describe("creating", () => {
  test("a SurveyCreator creates a draft they own, with questions in order, audited", async () => {
    const survey = await createDraft(owner, { title: "  Team lunch  ", settings: { audience: "ANYONE_WITH_LINK" } });
    assert.equal(survey.title, "Team lunch");
    assert.equal(survey.status, "DRAFT");
    assert.equal(survey.ownerId, owner.userId);
    assert.equal(survey.tenantId, a.tenantId);
    assert.equal(survey.settings.audience, "ANYONE_WITH_LINK");
    assert.deepEqual(
      survey.questions.map((q) => q.position),
      [0, 1, 2],
    );
    assert.equal(survey.access.relationship, "owner");
    assert.ok(survey.access.permissions.includes("survey:publish"));
    assert.deepEqual(await auditActions(survey.id), ["survey.created"]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: survey.id } });
    assert.equal(event.actor, `${owner.oid}.${owner.tenantId}`);
    assert.equal(event.tenantId, a.tenantId);
  });

  test("readers and applications cannot create; bad input is refused with field errors, nothing stored", async () => {
    const before = await surveyCount();
    await assert.rejects(createSurvey(reader, { title: "No" }), ForbiddenError);
    await assert.rejects(createSurvey(appA, { title: "No" }), /needs an owner who is a person/);
    await assert.rejects(createSurvey(appActor(a.tenantId, []), { title: "No" }), ForbiddenError);
    await assert.rejects(createSurvey(owner, { title: "" }), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual(Object.keys(error.fields), ["title"]);
      return true;
    });
    await assert.rejects(
      createSurvey(owner, {
        title: "t",
        questions: [{ type: "SINGLE_CHOICE", text: "Q", options: [{ label: "only" }] }],
      }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(error.fields, { "questions.0.options": ["Give at least 2 options."] });
        return true;
      },
    );
    await assert.rejects(
      createSurvey(owner, { title: "t", settings: { responseLimit: 0, closesAt: "tomorrow" } }),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.deepEqual(Object.keys(error.fields).sort(), ["settings.closesAt", "settings.responseLimit"]);
        return true;
      },
    );
    assert.equal(await surveyCount(), before);
  });
});

describe("reading", () => {
  test("owner, admin, any creator or reader of the tenant, and the tenant's app open the editor view", async () => {
    const survey = await createDraft(owner);
    for (const actor of [owner, adminA, otherCreator, reader, appA]) {
      assert.equal((await getSurvey(actor, survey.id)).id, survey.id);
    }
    assert.equal((await getSurvey(reader, survey.id)).access.relationship, "member");
    assert.deepEqual((await getSurvey(reader, survey.id)).access.permissions, ["survey:read"]);
  });

  test("a SurveyAdmin sees every survey of the tenant, with every permission on it", async () => {
    const byOwner = await createDraft(owner);
    const byOther = await createPublished(otherCreator);
    const listed = (await listTenantSurveys(adminA)).map((s) => s.id);
    assert.ok(listed.includes(byOwner.id) && listed.includes(byOther.id));
    for (const survey of [byOwner, byOther]) {
      const view = await getSurvey(adminA, survey.id);
      assert.equal(view.access.relationship, "member");
      assert.deepEqual([...view.access.permissions].sort(), [
        "results:read",
        "survey:create",
        "survey:delete",
        "survey:invite",
        "survey:publish",
        "survey:read",
        "survey:update",
      ]);
    }
    // A creator sees the other creators' surveys, read only.
    const other = await getSurvey(owner, byOther.id);
    assert.deepEqual(other.access.permissions, ["survey:create", "survey:read"]);
  });

  test("tenant B cannot see tenant A's survey: it is missing, not forbidden", async () => {
    const survey = await createDraft(owner);
    for (const actor of [adminB, creatorB, guestB, appActor(b.tenantId)]) {
      await assert.rejects(getSurvey(actor, survey.id), NotFoundError);
    }
    await assert.rejects(getSurvey(adminA, "not-a-uuid"), NotFoundError);
    await assert.rejects(getSurvey(adminA, randomUUID()), NotFoundError);
  });

  test("lists: mine, my tenant's, and those I contribute to", async () => {
    const mine = await createDraft(otherCreator);
    const theirs = await createDraft(owner);
    await addContributor(db(), theirs, contributor);
    const myIds = (await listMySurveys(otherCreator)).map((s) => s.id);
    assert.ok(myIds.includes(mine.id) && !myIds.includes(theirs.id));
    const tenantIds = (await listTenantSurveys(reader)).map((s) => s.id);
    assert.ok(tenantIds.includes(mine.id) && tenantIds.includes(theirs.id));
    assert.deepEqual(
      (await listContributingSurveys(contributor)).map((s) => s.id),
      [theirs.id],
    );
    const bSees = [...(await listTenantSurveys(adminB)), ...(await listMySurveys(adminB))].map((s) => s.id);
    assert.ok(!bSees.includes(mine.id) && !bSees.includes(theirs.id));
    assert.deepEqual(await listMySurveys(appA), []);
  });
});

describe("editing", () => {
  test("owner, contributor and admin edit; other members are told why they cannot", async () => {
    const survey = await createDraft(owner);
    await addContributor(db(), survey, contributor);
    assert.equal((await updateSurvey(owner, survey.id, { title: "By owner" })).title, "By owner");
    assert.equal(
      (await updateSurvey(contributor, survey.id, { description: "By contributor" })).description,
      "By contributor",
    );
    assert.equal(
      (await updateSurvey(adminA, survey.id, { settings: { responseLimit: 10 } })).settings.responseLimit,
      10,
    );
    assert.equal((await updateSurvey(appA, survey.id, { title: "By app" })).title, "By app");
    for (const actor of [reader, otherCreator]) {
      await assert.rejects(
        updateSurvey(actor, survey.id, { title: "No" }),
        /Only the owner, a contributor or a survey admin/,
      );
    }
    const stored = await row(survey);
    assert.equal(stored.title, "By app");
    assert.equal(stored.description, "By contributor");
  });

  test("tenant B cannot change tenant A's survey, in any state, and it stays as it was", async () => {
    const draft = await createDraft(owner, { title: "Original" });
    const published = await createPublished(owner, { title: "Live" });
    const closed = await createPublished(owner, { title: "Over" });
    await closeSurvey(owner, closed.id);
    for (const actor of [adminB, creatorB, guestB, appActor(b.tenantId)]) {
      const attempts = [
        () => updateSurvey(actor, draft.id, { title: "Hijacked" }),
        () => publishSurvey(actor, draft.id),
        () => deleteSurvey(actor, draft.id),
        () => unpublishSurvey(actor, published.id),
        () => closeSurvey(actor, published.id),
        () => deleteSurvey(actor, published.id),
        () => reopenSurvey(actor, closed.id),
        () => unpublishSurvey(actor, closed.id),
      ];
      for (const attempt of attempts) await assert.rejects(attempt(), NotFoundError);
    }
    assert.deepEqual(
      [(await row(draft)).title, (await row(draft)).status, (await row(published)).status, (await row(closed)).status],
      ["Original", "DRAFT", "PUBLISHED", "CLOSED"],
    );
    assert.equal(await db().auditEvent.count({ where: { tenantId: b.tenantId } }), 0);
  });

  test("an update cannot publish, and incoherent settings change nothing", async () => {
    const survey = await createDraft(owner, { settings: { closesAt: "2099-01-01T00:00:00Z" } });
    const sneaky = { title: "Sneaky", status: "PUBLISHED" } as unknown as Parameters<typeof updateSurvey>[2];
    await assert.rejects(updateSurvey(owner, survey.id, sneaky), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.ok(error.fields.status);
      return true;
    });
    await assert.rejects(
      updateSurvey(owner, survey.id, { title: "Changed", settings: { opensAt: "2099-06-01T00:00:00Z" } }),
      /closing time must be after the opening time/,
    );
    const stored = await row(survey);
    assert.equal(stored.status, "DRAFT");
    assert.equal(stored.title, survey.title);
    assert.equal(stored.opensAt, null);
  });

  test("settings: omitted fields stay, null clears", async () => {
    const survey = await createDraft(owner, {
      settings: { audience: "REGISTERED_TENANT_USERS", responseLimit: 5, closesAt: "2099-01-01T00:00:00Z" },
    });
    const updated = await updateSurvey(owner, survey.id, { settings: { responseLimit: null } });
    assert.deepEqual(updated.settings, {
      audience: "REGISTERED_TENANT_USERS",
      opensAt: null,
      closesAt: "2099-01-01T00:00:00.000Z",
      responseLimit: null,
    });
  });
});

describe("lifecycle", () => {
  test("draft → published → closed → reopened, by owner or admin only, audited", async () => {
    const survey = await createDraft(owner, { settings: { audience: "ANYONE_WITH_LINK" } });
    await addContributor(db(), survey, contributor);
    for (const actor of [contributor, reader, otherCreator]) {
      await assert.rejects(publishSurvey(actor, survey.id), /Only the owner or a survey admin can publish/);
    }
    assert.equal((await row(survey)).status, "DRAFT");

    const published = await publishSurvey(owner, survey.id, { correlationId: "corr-1" });
    assert.equal(published.status, "PUBLISHED");
    assert.ok(published.publishedAt);
    await assert.rejects(publishSurvey(owner, survey.id), ConflictError);
    await assert.rejects(updateSurvey(owner, survey.id, { title: "Edit" }), conflict(/is published.*Unpublish it/));
    await assert.rejects(
      addQuestion(owner, survey.id, { type: "YES_NO", text: "More?" }),
      conflict(/is published.*Unpublish it/),
    );

    assert.equal((await unpublishSurvey(adminA, survey.id)).status, "DRAFT");
    await publishSurvey(appA, survey.id);
    await submitSample(survey);
    await assert.rejects(unpublishSurvey(owner, survey.id), conflict(/has responses.*close it instead/));
    const closed = await closeSurvey(owner, survey.id);
    assert.equal(closed.status, "CLOSED");
    assert.ok(closed.closedAt);
    await assert.rejects(closeSurvey(owner, survey.id), ConflictError);
    await assert.rejects(
      updateSurvey(owner, survey.id, { title: "Edit" }),
      conflict(/is closed, so it cannot be edited/),
    );
    await assert.rejects(unpublishSurvey(owner, survey.id), conflict(/has responses/));
    for (const actor of [contributor, reader, otherCreator]) {
      await assert.rejects(reopenSurvey(actor, survey.id), ForbiddenError);
    }
    const reopened = await reopenSurvey(owner, survey.id);
    assert.equal(reopened.status, "PUBLISHED");
    assert.equal(reopened.closedAt, null);
    await assert.rejects(reopenSurvey(owner, survey.id), conflict(/Only a closed survey/));
    assert.equal((await row(survey)).title, survey.title);

    assert.deepEqual(await auditActions(survey.id), [
      "survey.created",
      "survey.published",
      "survey.unpublished",
      "survey.published",
      "survey.closed",
      "survey.reopened",
    ]);
    const first = await db().auditEvent.findFirstOrThrow({
      where: { targetId: survey.id, action: "survey.published" },
    });
    assert.equal(first.correlationId, "corr-1");
  });

  test("a closed survey nobody answered goes back to draft and is editable again", async () => {
    const survey = await createPublished(owner);
    await closeSurvey(adminA, survey.id);
    await assert.rejects(updateSurvey(owner, survey.id, { title: "Edit" }), ConflictError);
    const draft = await unpublishSurvey(owner, survey.id);
    assert.deepEqual([draft.status, draft.publishedAt, draft.closedAt], ["DRAFT", null, null]);
    await assert.rejects(unpublishSurvey(owner, survey.id), conflict(/already a draft/));
    await assert.rejects(closeSurvey(owner, survey.id), conflict(/Only a published survey/));
    await assert.rejects(reopenSurvey(owner, survey.id), conflict(/Only a closed survey/));
    assert.equal((await updateSurvey(owner, survey.id, { title: "Edited" })).title, "Edited");
  });

  test("a SurveyAdmin runs the lifecycle of someone else's survey; the change is audited as theirs", async () => {
    const survey = await createDraft(otherCreator);
    await publishSurvey(adminA, survey.id);
    await closeSurvey(adminA, survey.id);
    await reopenSurvey(adminA, survey.id);
    await unpublishSurvey(adminA, survey.id);
    const events = await db().auditEvent.findMany({ where: { tenantId: a.tenantId, targetId: survey.id } });
    assert.deepEqual(
      events.filter((e) => e.action !== "survey.created").map((e) => e.actor),
      Array(4).fill(`${adminA.oid}.${a.tenantId}`),
    );
  });

  test("publishing needs a question and a closing time still ahead", async () => {
    const empty = await createDraft(owner, { questions: [] });
    await assert.rejects(publishSurvey(owner, empty.id), /Add at least one question/);
    const late = await createDraft(owner, { settings: { closesAt: "2000-01-01T00:00:00Z" } });
    await assert.rejects(publishSurvey(owner, late.id), /closing time has passed/);
    assert.equal((await row(late)).status, "DRAFT");
  });
});

describe("deleting", () => {
  test("only owner or admin; the survey and its responses are gone, audited", async () => {
    const survey = await createPublished(owner, ANYONE);
    await addContributor(db(), survey, contributor);
    await submitSample(survey);
    for (const actor of [otherCreator, reader, contributor]) {
      await assert.rejects(deleteSurvey(actor, survey.id), /Only the owner or a survey admin can delete/);
    }
    await deleteSurvey(owner, survey.id);
    await assert.rejects(getSurvey(owner, survey.id), NotFoundError);
    await assert.rejects(deleteSurvey(owner, survey.id), NotFoundError);
    const scope = { tenantId: a.tenantId, surveyId: survey.id };
    assert.deepEqual(
      [await db().response.count({ where: scope }), await db().question.count({ where: scope })],
      [0, 0],
    );
    assert.deepEqual((await auditActions(survey.id)).at(-1), "survey.deleted");

    const another = await createDraft(otherCreator);
    await deleteSurvey(adminA, another.id);
    await assert.rejects(getSurvey(otherCreator, another.id), NotFoundError);
  });
});

describe("an offboarded tenant", () => {
  test("its surveys vanish for contributors of other tenants, and come back if it signs up again", async () => {
    const tenant = await createTenantWithUser(db(), "Leaving");
    try {
      const leavingAdmin = await actorOf(db(), tenant);
      const survey = await createDraft(leavingAdmin);
      await addContributor(db(), survey, guestB);
      assert.equal((await getSurvey(guestB, survey.id)).access.relationship, "contributor");
      await setTenantStatus(db(), tenant.tenantId, "OFFBOARDED");
      await assert.rejects(getSurvey(guestB, survey.id), NotFoundError);
      await assert.rejects(updateSurvey(guestB, survey.id, { title: "Still here?" }), NotFoundError);
      assert.deepEqual(await listContributingSurveys(guestB), []);
      await setTenantStatus(db(), tenant.tenantId, "ACTIVE");
      assert.deepEqual(
        (await listContributingSurveys(guestB)).map((s) => s.id),
        [survey.id],
      );
    } finally {
      await deleteTenants(db(), tenant);
    }
  });
});
