import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePartitionKey, partitionKey, partitionOf } from "./partition";

const TID = "69ccb639-833e-460b-967f-f707c63700f4";
const HOME = `18EBA0D6-B37D-426C-8E72-1E71693B0415.${TID}`;

test("partitions are lower-cased and round-trip through msal's key string", () => {
  const p = partitionOf({ tenantId: TID.toUpperCase(), homeAccountId: HOME });
  assert.deepEqual(p, { tenantId: TID, homeAccountId: HOME.toLowerCase() });
  assert.equal(partitionKey(p), `${TID}/${HOME.toLowerCase()}`);
  assert.deepEqual(parsePartitionKey(partitionKey(p)), p);
});

test("anything that is not a tenant GUID and oid.tid is refused, not stored", () => {
  for (const bad of [
    { tenantId: "contoso.com", homeAccountId: HOME },
    { tenantId: TID, homeAccountId: "18eba0d6-b37d-426c-8e72-1e71693b0415" },
    { tenantId: TID, homeAccountId: `${HOME}*` },
    { tenantId: `${TID}:x`, homeAccountId: HOME },
  ]) {
    assert.throws(() => partitionOf(bad), TypeError);
  }
  assert.throws(() => parsePartitionKey(`${TID}/${HOME}/extra`), TypeError);
});
