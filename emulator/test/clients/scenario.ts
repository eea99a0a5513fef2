/** Shared plumbing of the client scenarios: input from the parent test, one JSON line out. */
export interface ScenarioInput {
  instance: string;
  hostPort: string;
  tenantId: string;
  otherTenantId: string;
  web: { clientId: string; clientSecret: string; redirectUri: string };
  api: { clientId: string; clientSecret: string; scope: string; appIdUri: string };
  automation: { clientId: string; clientSecret: string };
  account: string;
  testHooks: string;
}

export function scenarioInput(): ScenarioInput {
  const raw = process.env.SCENARIO_INPUT;
  if (!raw) throw new Error("SCENARIO_INPUT is not set");
  return JSON.parse(raw) as ScenarioInput;
}

export interface CapturedError {
  name: string;
  message: string;
  errorCode?: string;
  subError?: string;
  claims?: string;
  /** msal's first AADSTS code of the error body (`error_codes[0]`). */
  errorNo?: string;
  status?: number;
}

export function captureError(error: unknown): CapturedError {
  if (!(error instanceof Error)) return { name: "unknown", message: String(error) };
  const e = error as Error & Record<string, unknown>;
  const out: CapturedError = { name: e.name, message: e.message };
  if (typeof e.errorCode === "string") out.errorCode = e.errorCode;
  if (typeof e.subError === "string") out.subError = e.subError;
  if (typeof e.claims === "string") out.claims = e.claims;
  if (e.errorNo !== undefined) out.errorNo = String(e.errorNo);
  if (typeof e.status === "number") out.status = e.status;
  if (typeof e.error === "string") out.errorCode = e.error;
  return out;
}

export async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: T } | { error: CapturedError }> {
  try {
    return { ok: await fn() };
  } catch (error) {
    return { error: captureError(error) };
  }
}

export function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

export function finish(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Arms a forced error through the emulator's HTTP test hooks (test mode only). */
export async function forceError(hooksUrl: string, rule: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${hooksUrl}/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
  if (!res.ok) throw new Error(`test hook refused: ${res.status}`);
}
