// One token-cache partition per user per tenant they signed in to: msal's homeAccountId
// (`${client_info.uid}.${client_info.utid}`, i.e. home oid.home tid) plus the tenant of the
// session, so a guest's partitions in two host tenants stay apart and offboarding a tenant
// deletes exactly its users' partitions.

export interface Partition {
  /** The tenant the user signed in to (`tid` of the verified ID token). */
  tenantId: string;
  /** msal's account key: `${uid}.${utid}` from client_info. */
  homeAccountId: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HOME_ACCOUNT_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isTenantId(value: string): boolean {
  return GUID.test(value);
}

/**
 * Lower-cased and checked: these values become database keys, Redis keys and AAD, so anything
 * that is not the expected shape is a programming error, not something to store.
 */
export function partitionOf(input: Partition): Partition {
  const tenantId = input.tenantId.toLowerCase();
  const homeAccountId = input.homeAccountId.toLowerCase();
  if (!GUID.test(tenantId)) throw new TypeError("tenantId must be a GUID");
  if (!HOME_ACCOUNT_ID.test(homeAccountId)) throw new TypeError("homeAccountId must be '<oid>.<tid>' (two GUIDs)");
  return { tenantId, homeAccountId };
}

/** The string msal's partition manager hands to the cache client (tenant first, like every key here). */
export function partitionKey(partition: Partition): string {
  return `${partition.tenantId}/${partition.homeAccountId}`;
}

export function parsePartitionKey(key: string): Partition {
  const [tenantId = "", homeAccountId = "", extra] = key.split("/");
  if (extra !== undefined) throw new TypeError("malformed partition key");
  return partitionOf({ tenantId, homeAccountId });
}
