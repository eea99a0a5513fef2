// The Survey API and the emulator's token counter over HTTP, for the tests and the bench that
// drive whole server instances rather than calling lib/ in-process.
import { requireIdentity } from "@/lib/env";

/** One /api/v1 call as the bearer of `token`; anything but a 2xx throws with the problem. */
export async function callSurveyApi<T>(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Requests that reached the emulator's token endpoint so far (test mode; take differences). */
export async function emulatorTokenRequestTotal(): Promise<number> {
  const response = await fetch(`${requireIdentity().instance}/__test/state`);
  const state = (await response.json()) as { tokenRequests: { total: number } };
  return state.tokenRequests.total;
}
