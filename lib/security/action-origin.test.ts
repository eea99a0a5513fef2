import assert from "node:assert/strict";
import { test } from "node:test";
import { isForeignServerAction } from "./action-origin";

const SITE = "https://surveys.example.com";
const action = (headers: Record<string, string>, method = "POST") => ({
  method,
  headers: new Headers({ "next-action": "7f3a", ...headers }),
});

test("a server action from our own origin is accepted", () => {
  assert.equal(isForeignServerAction(action({ origin: SITE }), `${SITE}/`), false);
});

test("a server action from another origin, or with none, is refused", () => {
  assert.equal(isForeignServerAction(action({ origin: "https://evil.example" }), SITE), true);
  assert.equal(isForeignServerAction(action({ origin: "http://surveys.example.com" }), SITE), true, "scheme counts");
  assert.equal(isForeignServerAction(action({ origin: "https://surveys.example.com:8443" }), SITE), true);
  assert.equal(isForeignServerAction(action({}), SITE), true);
  assert.equal(isForeignServerAction(action({ origin: "null" }), SITE), true);
});

test("requests that are not server actions are not this check's business", () => {
  assert.equal(
    isForeignServerAction({ method: "POST", headers: new Headers({ origin: "https://evil.example" }) }, SITE),
    false,
  );
  assert.equal(isForeignServerAction(action({ origin: "https://evil.example" }, "GET"), SITE), false);
});
