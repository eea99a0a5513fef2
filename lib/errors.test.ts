// Expected errors keep their identity across bundle copies of lib/errors.ts: Next.js loads lib/
// once per server layer, and an error thrown by one copy is tested with another's instanceof.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as here from "./errors";

// A second instance of the same module, as a second bundle layer would hold it.
const other = (await import(`./errors.ts?copy=${Date.now()}`)) as typeof here;

test("the copy's classes are different objects (what a second bundle layer gives)", () => {
  assert.notEqual(other.NotFoundError, here.NotFoundError);
});

test("an error from one copy is an instance of the same class, and of AppError, of the other", () => {
  const error = new other.NotFoundError("survey");
  assert.ok(error instanceof here.NotFoundError);
  assert.ok(error instanceof here.AppError);
  assert.ok(here.isAppError(error));
  assert.equal(error.name, "NotFoundError");
  assert.equal(error.status, 404);
});

test("but not of another class, and plain errors are not expected errors", () => {
  assert.ok(!(new other.NotFoundError() instanceof here.ForbiddenError));
  assert.ok(!(new here.ValidationError("bad") instanceof here.ConflictError));
  const lookalike = Object.assign(new Error("x"), { name: "NotFoundError", code: "not_found", status: 404 });
  assert.ok(!(lookalike instanceof here.NotFoundError), "a name alone is not enough");
  assert.ok(!here.isAppError(lookalike));
  assert.ok(!here.isAppError("NotFoundError"));
});
