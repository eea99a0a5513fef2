// Readiness checks behind GET /api/health. Each dependency gets its own entry so an operator
// sees which one failed; a check that hangs counts as failed after its timeout.
import "server-only";
import type { Redis } from "ioredis";
import { type Db, db } from "../db";
import { redis } from "../redis";

export type CheckStatus = "ok" | "error";
export type Check = () => Promise<void>;

export interface HealthReport {
  status: CheckStatus;
  checks: Record<string, CheckStatus>;
  failures: Record<string, string>;
}

const TIMEOUT_MS = 2_000;

async function withTimeout(check: Check, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the checks concurrently; never throws. */
export async function runChecks(checks: Record<string, Check>, timeoutMs = TIMEOUT_MS): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.allSettled(names.map((name) => withTimeout(checks[name] as Check, timeoutMs)));
  const report: HealthReport = { status: "ok", checks: {}, failures: {} };
  results.forEach((result, index) => {
    const name = names[index] as string;
    if (result.status === "fulfilled") {
      report.checks[name] = "ok";
    } else {
      report.status = "error";
      report.checks[name] = "error";
      report.failures[name] = result.reason instanceof Error ? result.reason.message : String(result.reason);
    }
  });
  return report;
}

interface Dependencies {
  database: Pick<Db, "$queryRaw">;
  cache: Redis | null;
}

/** The product's dependencies: the database always, Redis when configured. */
export function productChecks(
  { database, cache }: Dependencies = { database: db(), cache: redis() },
): Record<string, Check> {
  const checks: Record<string, Check> = {
    db: async () => {
      await database.$queryRaw`SELECT 1`;
    },
  };
  if (cache) {
    checks.redis = async () => {
      if (cache.status === "wait" || cache.status === "end") await cache.connect();
      await cache.ping();
    };
  }
  return checks;
}
