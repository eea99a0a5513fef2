// `npm run tenants:purge`: deletes the data of organizations offboarded more than
// TENANT_PURGE_GRACE_DAYS ago (every tenant-owned row cascades). Run it daily (cron, a scheduled
// job of the platform); it is idempotent and safe on several instances at once.
import { db } from "../lib/db";
import { logger } from "../lib/log";
import { validateEnvOrExit } from "../lib/startup";
import { purgeOffboardedTenants } from "../lib/tenants/mutations";

validateEnvOrExit({ requireDatabase: true, requireIdentity: false });
const purged = await purgeOffboardedTenants();
logger().info({ purged }, `purged ${purged.length} offboarded organization(s)`);
await db().$disconnect();
