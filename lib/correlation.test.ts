import assert from "node:assert/strict";
import { test } from "node:test";
import { correlationIdFrom } from "./correlation";

test("keeps a well-formed inbound correlation id", () => {
  assert.equal(correlationIdFrom("req-0001-abc"), "req-0001-abc");
});

test("replaces a missing, short, long or injected id with a fresh UUID", () => {
  for (const inbound of [null, undefined, "", "short", "x".repeat(65), "abc\ninjected log line", "a b c d e f g h"]) {
    assert.match(correlationIdFrom(inbound), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
});
