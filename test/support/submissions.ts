// Anonymous submissions as a crowd of real clients sends them to whole instances: each with its
// own address and submission key, retried with the same key until one instance acknowledges it
// (what a browser's answer page does after a lost answer). Used by the scale-out and resilience
// tests to prove that nothing acknowledged is lost and nothing is stored twice.
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { crowdAddress } from "./crowd";

export interface Submission {
  key: string;
  path: string;
  init: RequestInit;
}

/** Respondent `n`'s answer to a one-question rating survey. */
export function ratingSubmission(survey: { tenantId: string; id: string }, questionId: string, n: number): Submission {
  const key = randomBytes(16).toString("base64url");
  return {
    key,
    path: `/api/v1/forms/${survey.tenantId}/${survey.id}/responses`,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": crowdAddress(n) },
      body: JSON.stringify({ submissionKey: key, answers: { [questionId]: 1 + (n % 5) } }),
    },
  };
}

/**
 * Sends the submission to each base URL in turn until one answers 2xx (a refused connection or
 * a 5xx moves on, after `retryDelayMs`); resolves with its key, throws if none acknowledged it.
 */
export async function deliver(submission: Submission, bases: string[], retryDelayMs = 0): Promise<string> {
  let last = "no attempt";
  for (const base of bases) {
    try {
      const response = await fetch(`${base}${submission.path}`, submission.init);
      if (response.ok) return submission.key;
      last = `HTTP ${response.status}`;
      if (response.status < 500) break;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(retryDelayMs);
  }
  throw new Error(`submission ${submission.key} was never acknowledged (${last})`);
}
