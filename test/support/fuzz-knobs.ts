// The API fuzzing's knobs (lib/api/fuzz.int.test.ts), read from the environment here, beside the
// other test support, since lib/ reads the environment only through lib/env.ts:
// FUZZ_SEED=<n> reproduces a run (fast-check prints the seed of a failure); FUZZ_RUNS=<n> sets the
// cases per endpoint.

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}

export const SEED = envInt("FUZZ_SEED", 20_260_501);
/** Cases per endpoint: 60 × 28 endpoints = 1,680 a run by default. */
export const DEFAULT_RUNS = 60;
export const RUNS = envInt("FUZZ_RUNS", DEFAULT_RUNS);
