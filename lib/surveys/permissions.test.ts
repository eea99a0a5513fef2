import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AppActor, UserActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import {
  APP_PERMISSION,
  assertActorMayUseSurveys,
  assertMayCreateSurvey,
  assertPerson,
  can,
  PERMISSIONS,
  type Permission,
  RELATIONSHIPS,
  type Relationship,
  ROLES,
  relationshipTo,
  roleIn,
  type SurveyRole,
} from "./permissions";

// ARCHITECTURE §4, restated independently of the GRANTS table it checks.
function expected(role: SurveyRole, relationship: Relationship, permission: Permission): boolean {
  if (relationship === "none") return false; // no relationship: the survey is not even visible
  if (role === "App") return relationship === "member" && permission !== "survey:create";
  if (permission === "survey:create") return role === "SurveyCreator" || role === "SurveyAdmin";
  if (role === "SurveyAdmin") return true;
  switch (permission) {
    case "survey:read":
      return true; // owner, contributor, any creator or reader of the tenant
    case "survey:update":
    case "results:read":
      return relationship === "owner" || relationship === "contributor";
    case "survey:delete":
    case "survey:publish":
    case "survey:invite":
      return relationship === "owner";
  }
}

describe("the permission matrix", () => {
  for (const role of ROLES) {
    for (const relationship of RELATIONSHIPS) {
      for (const permission of PERMISSIONS) {
        const allowed = expected(role, relationship, permission);
        test(`${role} × ${relationship} ${allowed ? "may" : "may not"} ${permission}`, () => {
          assert.equal(can(role, relationship, permission), allowed);
        });
      }
    }
  }

  test("publishing is its own permission, never implied by editing", () => {
    for (const role of ROLES) {
      assert.equal(
        can(role, "contributor", "survey:update") && can(role, "contributor", "survey:publish"),
        role === "SurveyAdmin",
      );
    }
  });
});

const tenantA = "00000000-0000-4000-8000-00000000000a";
const tenantB = "00000000-0000-4000-8000-00000000000b";
const user = (roles: UserActor["roles"], tenantId = tenantA, userId = "u1"): UserActor => ({
  kind: "user",
  tenantId,
  userId,
  oid: "oid",
  roles,
  name: "Someone",
  email: null,
});
const app = (permissions: string[], tenantId = tenantA): AppActor => ({
  kind: "app",
  tenantId,
  appId: "app",
  permissions,
});

describe("roles and relationships", () => {
  test("a person's strongest role counts in their own tenant", () => {
    assert.equal(roleIn(user(["SurveyCreator", "SurveyAdmin"]), tenantA), "SurveyAdmin");
    assert.equal(roleIn(user(["SurveyCreator"]), tenantA), "SurveyCreator");
    assert.equal(roleIn(user([]), tenantA), "Reader");
  });

  test("roles do not travel: a SurveyAdmin of another tenant is a Reader here", () => {
    assert.equal(roleIn(user(["SurveyAdmin"], tenantB), tenantA), "Reader");
  });

  test("an application needs Surveys.ReadWrite.All", () => {
    assert.equal(roleIn(app([APP_PERMISSION]), tenantA), "App");
    assert.equal(roleIn(app(["Something.Else"]), tenantA), null);
    assert.throws(() => assertActorMayUseSurveys(app([])), ForbiddenError);
  });

  test("relationship: owner, then contributor, then member, else none", () => {
    const survey = { tenantId: tenantA, ownerId: "u1" };
    assert.equal(relationshipTo(user([]), survey, false), "owner");
    assert.equal(relationshipTo(user([], tenantA, "u2"), survey, true), "contributor");
    assert.equal(relationshipTo(user([], tenantA, "u2"), survey, false), "member");
    assert.equal(relationshipTo(user([], tenantB, "u1"), survey, true), "contributor");
    assert.equal(relationshipTo(user([], tenantB, "u1"), survey, false), "none");
    assert.equal(relationshipTo(app([APP_PERMISSION]), survey, false), "member");
    assert.equal(relationshipTo(app([APP_PERMISSION], tenantB), survey, false), "none");
  });

  test("creating needs SurveyCreator or SurveyAdmin, and a person", () => {
    assert.doesNotThrow(() => assertMayCreateSurvey(user(["SurveyCreator"])));
    assert.doesNotThrow(() => assertMayCreateSurvey(user(["SurveyAdmin"])));
    assert.throws(() => assertMayCreateSurvey(user([])), /Only survey creators and survey admins/);
    assert.throws(() => assertMayCreateSurvey(app([APP_PERMISSION])), /needs an owner who is a person/);
  });

  test("inviting and accepting are for people, whatever an application was granted", () => {
    assert.doesNotThrow(() => assertPerson(user([]), "accept"));
    assert.throws(() => assertPerson(app([APP_PERMISSION]), "invite"), /Applications cannot invite/);
    assert.throws(() => assertPerson(app([APP_PERMISSION]), "accept"), /Only a signed-in person/);
  });
});
