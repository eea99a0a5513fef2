// The tenancy guarantees the schema itself gives (composite keys and foreign keys on
// (tenantId, id)), proven against the real database.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { createTenantWithUser, deleteTenants, type TenantFixture } from "@/test/support/tenants";
import { db, disconnectDb } from "./db";
import { Prisma } from "./generated/prisma/client";

let a: TenantFixture;
let b: TenantFixture;
let surveyA: { tenantId: string; id: string };

before(async () => {
  a = await createTenantWithUser(db(), "Tenant A");
  b = await createTenantWithUser(db(), "Tenant B");
  surveyA = await db().survey.create({
    data: { tenantId: a.tenantId, ownerId: a.userId, title: "A's survey" },
    select: { tenantId: true, id: true },
  });
});

after(async () => {
  await deleteTenants(db(), a, b);
  await disconnectDb();
});

function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003";
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

describe("tenant-scoped keys", () => {
  test("a survey is found only together with its own tenant id", async () => {
    const own = await db().survey.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id: surveyA.id } } });
    assert.equal(own?.title, "A's survey");
    const foreign = await db().survey.findUnique({ where: { tenantId_id: { tenantId: b.tenantId, id: surveyA.id } } });
    assert.equal(foreign, null);
  });

  test("a survey cannot be owned by a user of another tenant", async () => {
    await assert.rejects(
      db().survey.create({ data: { tenantId: a.tenantId, ownerId: b.userId, title: "stolen owner" } }),
      isForeignKeyViolation,
    );
  });

  test("tenant B cannot attach a question to tenant A's survey", async () => {
    await assert.rejects(
      db().question.create({
        data: { tenantId: b.tenantId, surveyId: surveyA.id, position: 0, type: "SHORT_TEXT", text: "Injected?" },
      }),
      isForeignKeyViolation,
    );
    assert.equal(await db().question.count({ where: { surveyId: surveyA.id } }), 0);
  });

  test("an answer cannot point at a question of another tenant", async () => {
    const surveyB = await db().survey.create({ data: { tenantId: b.tenantId, ownerId: b.userId, title: "B" } });
    const questionB = await db().question.create({
      data: { tenantId: b.tenantId, surveyId: surveyB.id, position: 0, type: "YES_NO", text: "B's question" },
    });
    const responseA = await db().response.create({
      data: { tenantId: a.tenantId, surveyId: surveyA.id, submissionKey: randomUUID() },
    });
    await assert.rejects(
      db().answer.create({
        data: { tenantId: a.tenantId, responseId: responseA.id, questionId: questionB.id, value: true },
      }),
      isForeignKeyViolation,
    );
  });
});

describe("cross-tenant links the product allows", () => {
  test("a user of another registered tenant can contribute, named with their own tenant", async () => {
    await db().contributor.create({
      data: { tenantId: a.tenantId, surveyId: surveyA.id, userTenantId: b.tenantId, userId: b.userId },
    });
    const mine = await db().contributor.findMany({ where: { userTenantId: b.tenantId, userId: b.userId } });
    assert.deepEqual(
      mine.map((c) => c.surveyId),
      [surveyA.id],
    );
  });

  test("a contributor row cannot misstate the contributor's tenant", async () => {
    await assert.rejects(
      db().contributor.create({
        data: { tenantId: a.tenantId, surveyId: surveyA.id, userTenantId: a.tenantId, userId: b.userId },
      }),
      isForeignKeyViolation,
    );
  });
});

describe("responses", () => {
  test("one response per signed-in respondent, and a submission key is used once", async () => {
    const respondentKey = `${randomUUID()}.${b.tenantId}`;
    const submissionKey = randomUUID();
    await db().response.create({ data: { tenantId: a.tenantId, surveyId: surveyA.id, submissionKey, respondentKey } });
    await assert.rejects(
      db().response.create({
        data: { tenantId: a.tenantId, surveyId: surveyA.id, submissionKey: randomUUID(), respondentKey },
      }),
      isUniqueViolation,
    );
    await assert.rejects(
      db().response.create({ data: { tenantId: a.tenantId, surveyId: surveyA.id, submissionKey } }),
      isUniqueViolation,
    );
  });

  test("anonymous responses (no respondent key) are not limited to one", async () => {
    for (let i = 0; i < 2; i++) {
      await db().response.create({ data: { tenantId: a.tenantId, surveyId: surveyA.id, submissionKey: randomUUID() } });
    }
    assert.ok((await db().response.count({ where: { tenantId: a.tenantId, respondentKey: null } })) >= 2);
  });
});

describe("purging a tenant", () => {
  test("removes every row it owns and nothing of another tenant", async () => {
    const c = await createTenantWithUser(db(), "Tenant C");
    const survey = await db().survey.create({ data: { tenantId: c.tenantId, ownerId: c.userId, title: "C" } });
    const question = await db().question.create({
      data: { tenantId: c.tenantId, surveyId: survey.id, position: 0, type: "RATING", text: "How?" },
    });
    const response = await db().response.create({
      data: { tenantId: c.tenantId, surveyId: survey.id, submissionKey: randomUUID() },
    });
    await db().answer.create({
      data: { tenantId: c.tenantId, responseId: response.id, questionId: question.id, value: 4 },
    });
    await db().auditEvent.create({ data: { tenantId: c.tenantId, action: "survey.created", targetId: survey.id } });
    await db().tokenCache.create({
      data: { tenantId: c.tenantId, partitionKey: `${c.oid}.${c.tenantId}`, keyId: "k1", ciphertext: Buffer.from([1]) },
    });
    const before = await db().survey.count({ where: { tenantId: a.tenantId } });

    await deleteTenants(db(), c);

    for (const count of await Promise.all([
      db().user.count({ where: { tenantId: c.tenantId } }),
      db().survey.count({ where: { tenantId: c.tenantId } }),
      db().question.count({ where: { tenantId: c.tenantId } }),
      db().answer.count({ where: { tenantId: c.tenantId } }),
      db().auditEvent.count({ where: { tenantId: c.tenantId } }),
      db().tokenCache.count({ where: { tenantId: c.tenantId } }),
    ])) {
      assert.equal(count, 0);
    }
    assert.equal(await db().survey.count({ where: { tenantId: a.tenantId } }), before);
  });
});
