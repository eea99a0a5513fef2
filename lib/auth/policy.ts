import { env } from "@/lib/env";
import type { SessionPolicy } from "./sessions";

export function sessionPolicy(): SessionPolicy {
  const config = env();
  return { persistentDays: config.SESSION_PERSISTENT_DAYS, browserHours: config.SESSION_BROWSER_HOURS };
}
