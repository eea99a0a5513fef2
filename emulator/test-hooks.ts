import { z } from "zod";
import { DEFAULT_LIFETIMES, type EmulatorContext, type Lifetimes } from "./context";
import { AadError, describeCode } from "./protocol/errors";
import type { FaultRule } from "./protocol/faults";
import { ID_TOKEN_TAMPERS, type IdTokenTamper } from "./protocol/id-token-tampering";
import { jsonErrors } from "./protocol/routes";
import { type RequestContext, type Router, sendJson } from "./support/http";
import { registerTokenRequestCounting, TokenRequestCounter } from "./token-request-counter";

/** Test-only controls; exist only when the emulator runs with testMode (404 otherwise). */
export interface TestHooks {
  /** Moves the emulator's clock: positive expires codes and tokens without waiting. */
  advanceClock(seconds: number): void;
  resetClock(): void;
  /** Arms a forced AADSTS error for the next matching request(s). */
  failNext(rule: FaultRule): void;
  clearFaults(): void;
  /** The next ID token(s) come out broken in this way (relying-party validation tests). */
  tamperNextIdToken(kind: IdTokenTamper, times?: number): void;
  setLifetimes(lifetimes: Partial<Lifetimes>): void;
  /** Requests that reached the token endpoint, by grant type, tenant and client. */
  readonly tokenRequests: TokenRequestCounter;
  /** Back to the seed: directory, sessions, codes, faults, clock and lifetimes. */
  reset(): void;
}

export function createTestHooks(ectx: EmulatorContext): TestHooks {
  const tokenRequests = new TokenRequestCounter();
  return {
    tokenRequests,
    advanceClock: (seconds) => ectx.clock.advance(seconds),
    resetClock: () => ectx.clock.reset(),
    failNext: (rule) => ectx.faults.add(rule),
    clearFaults: () => ectx.faults.clear(),
    tamperNextIdToken: (kind, times) => ectx.idTokenTampering.arm(kind, times),
    setLifetimes: (lifetimes) => Object.assign(ectx.lifetimes, lifetimes),
    reset: () => {
      ectx.directory.reset();
      ectx.sessions.clear();
      ectx.codes.clear();
      ectx.faults.clear();
      ectx.idTokenTampering.clear();
      ectx.clock.reset();
      Object.assign(ectx.lifetimes, DEFAULT_LIFETIMES);
      tokenRequests.clear();
    },
  };
}

const faultSchema = z.object({
  endpoint: z.enum(["token", "authorize"]),
  grantType: z.string().optional(),
  clientId: z.string().optional(),
  code: z
    .number()
    .int()
    .refine((code) => describeCode(code) !== undefined, "not an AADSTS code the emulator knows"),
  params: z.record(z.string(), z.string()).optional(),
  error: z.string().optional(),
  suberror: z.string().optional(),
  claims: z.string().optional(),
  times: z.number().int().positive().optional(),
});

const tamperSchema = z.object({ kind: z.enum(ID_TOKEN_TAMPERS), times: z.number().int().positive().optional() });

const clockSchema = z.union([z.object({ advanceSeconds: z.number() }), z.object({ reset: z.literal(true) })]);

const lifetimesSchema = z.object({
  accessTokenSeconds: z.number().int().positive().nullable().optional(),
  idTokenSeconds: z.number().int().positive().optional(),
  authorizationCodeSeconds: z.number().int().positive().optional(),
  refreshTokenInactivitySeconds: z.number().int().positive().optional(),
});

async function readJson(http: RequestContext): Promise<unknown> {
  const raw = (await http.readBody()).toString("utf8");
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    throw new AadError(9002313);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AadError(9002313);
  return result.data;
}

/** The same controls over HTTPS, for test processes that do not hold the emulator object (e2e). */
export function registerTestHookRoutes(router: Router, ectx: EmulatorContext, hooks: TestHooks): void {
  const onError = jsonErrors(ectx);
  registerTokenRequestCounting(router, ectx, hooks.tokenRequests);
  const state = () => ({
    clockOffsetSeconds: ectx.clock.offsetSeconds(),
    now: ectx.clock.now().toISOString(),
    faults: ectx.faults.list(),
    idTokenTampering: ectx.idTokenTampering.list(),
    lifetimes: ectx.lifetimes,
    tokenRequests: hooks.tokenRequests.snapshot(),
  });
  router.add("GET", "/__test/state", (http) => sendJson(http, 200, state()), onError);
  router.add(
    "POST",
    "/__test/clock",
    async (http) => {
      const body = parse(clockSchema, await readJson(http));
      if ("reset" in body) hooks.resetClock();
      else hooks.advanceClock(body.advanceSeconds);
      sendJson(http, 200, state());
    },
    onError,
  );
  router.add(
    "POST",
    "/__test/faults",
    async (http) => {
      hooks.failNext(parse(faultSchema, await readJson(http)) as FaultRule);
      sendJson(http, 200, state());
    },
    onError,
  );
  router.add(
    "DELETE",
    "/__test/faults",
    (http) => {
      hooks.clearFaults();
      sendJson(http, 200, state());
    },
    onError,
  );
  router.add(
    "POST",
    "/__test/tamper-id-token",
    async (http) => {
      const body = parse(tamperSchema, await readJson(http));
      hooks.tamperNextIdToken(body.kind, body.times);
      sendJson(http, 200, state());
    },
    onError,
  );
  router.add(
    "POST",
    "/__test/lifetimes",
    async (http) => {
      const body = parse(lifetimesSchema, await readJson(http));
      const patch: Partial<Lifetimes> = {};
      for (const [key, value] of Object.entries(body)) if (value !== undefined) Object.assign(patch, { [key]: value });
      hooks.setLifetimes(patch);
      sendJson(http, 200, state());
    },
    onError,
  );
  router.add(
    "POST",
    "/__test/reset",
    (http) => {
      hooks.reset();
      sendJson(http, 200, state());
    },
    onError,
  );
  router.add("GET", "/__test/outbox", (http) => sendJson(http, 200, { value: ectx.directory.outbox }), onError);
}
