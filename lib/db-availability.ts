// Whether the database is reachable, as this process last saw it: a circuit breaker. A lost
// connection (the pool's error events, a query that could not reach the server) opens it; while
// it is open, proxy.ts answers pages and the API with 503 at once instead of letting every
// request wait for a connection timeout, and probes the database at most once a second. The
// first probe that succeeds closes it again, so the app recovers by itself.
//
// The state lives on globalThis: Next.js bundles lib/ once per server layer (proxy, route
// handlers, pages), and all of them must share one breaker per process.

export const DATABASE_UNAVAILABLE = "The database is not reachable right now. Try again in a moment.";
/** Retry-After of the 503s an outage causes: a few probe intervals. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const PROBE_INTERVAL_MS = 1_000;
/** How long a request waits for a probe in flight before it is answered 503 anyway. */
const PROBE_WAIT_MS = 500;

interface BreakerState {
  /** When the outage was first noticed (ms since epoch), null while the database is reachable. */
  openSince: number | null;
  lastProbeAt: number;
  probing: Promise<void> | null;
  probe: (() => Promise<void>) | null;
}

const globalForBreaker = globalThis as unknown as { surveysDbBreaker?: BreakerState };
function state(): BreakerState {
  globalForBreaker.surveysDbBreaker ??= { openSince: null, lastProbeAt: 0, probing: null, probe: null };
  return globalForBreaker.surveysDbBreaker;
}

// Prisma codes for "could not talk to the server at all" (not: the server refused the query).
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
// The driver adapter's error kinds with the same meaning.
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Node socket errors and pg's own texts, for errors raised below Prisma (the pool's events).
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);
const CONNECTION_TEXTS =
  /Connection terminated|timeout exceeded when trying to connect|Can't reach database server|server closed the connection/i;
// SQLSTATE classes 08 (connection exception) and 57P01–57P03 (the server is shutting down or starting).
const UNREACHABLE_SQLSTATE = /^(08|57P0[1-3])/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  cause?: unknown;
}

/** Whether an error means the database could not be reached (as opposed to a failed query). */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 3) return false;
  const candidate = error as ErrorLike;
  const code = typeof candidate.code === "string" ? candidate.code : "";
  if (UNREACHABLE_CODES.has(code) || SOCKET_CODES.has(code) || UNREACHABLE_SQLSTATE.test(code)) return true;
  const adapterCause = candidate.meta?.driverAdapterError?.cause;
  if (typeof adapterCause?.kind === "string" && UNREACHABLE_KINDS.has(adapterCause.kind)) return true;
  if (typeof adapterCause?.originalCode === "string" && UNREACHABLE_SQLSTATE.test(adapterCause.originalCode)) {
    return true;
  }
  if (typeof candidate.message === "string" && CONNECTION_TEXTS.test(candidate.message)) return true;
  return isDatabaseUnreachable(candidate.cause, depth + 1);
}

/** Registers how to check the database (lib/db.ts, once its client exists). */
export function setDatabaseProbe(probe: () => Promise<void>): void {
  state().probe = probe;
}

/** Opens the breaker when the error says the database is unreachable; returns whether it did. */
export function noteDatabaseError(error: unknown): boolean {
  if (!isDatabaseUnreachable(error)) return false;
  const breaker = state();
  breaker.openSince ??= Date.now();
  return true;
}

function startProbe(breaker: BreakerState, now: number): Promise<void> {
  const probe = breaker.probe;
  breaker.lastProbeAt = now;
  breaker.probing = (async () => {
    try {
      if (probe) await probe();
      breaker.openSince = null;
    } catch {
      // still down: the breaker stays open until a later probe succeeds
    } finally {
      breaker.probing = null;
    }
  })();
  return breaker.probing;
}

/**
 * Whether requests should reach the database: true unless an outage was noticed and no probe
 * since has succeeded. Probes at most once per PROBE_INTERVAL_MS, whoever asks.
 */
export async function databaseAvailable(now = Date.now()): Promise<boolean> {
  const breaker = state();
  if (breaker.openSince === null) return true;
  const probing =
    breaker.probing ?? (now - breaker.lastProbeAt >= PROBE_INTERVAL_MS ? startProbe(breaker, now) : undefined);
  if (probing) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([probing, new Promise<void>((resolve) => (timer = setTimeout(resolve, PROBE_WAIT_MS)))]);
    clearTimeout(timer);
  }
  return breaker.openSince === null;
}

/** Seconds since the outage was noticed, or null while the database is reachable (for logs). */
export function outageSeconds(now = Date.now()): number | null {
  const since = state().openSince;
  return since === null ? null : Math.round((now - since) / 1000);
}
