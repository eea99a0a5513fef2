// One load scenario: autocannon from this process (the server runs in its own) against loopback,
// a short warm-up that is not counted, then a bounded measured run.
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Called for every request: a fresh body and headers (unique keys, varying client addresses). */
  setupRequest?: (request: { headers?: Record<string, string>; body?: string | Buffer }) => {
    headers?: Record<string, string>;
    body?: string | Buffer;
  };
  /** Called with every response (status and body): lets a scenario keep what was acknowledged. */
  onResponse?: (status: number, body: string) => void;
  seconds: number;
  warmupSeconds?: number;
  connections: number;
  /** Open loop: this many requests per second in all, whatever the latency (default: closed loop). */
  overallRate?: number;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  ok: number;
  notOk: number;
  errors: number;
}

function run(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  const setup = options.setupRequest;
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    pipelining: 1,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: options.method ?? "GET",
        headers: options.headers,
        body: options.body,
        ...(options.onResponse
          ? { onResponse: (status: number, body: string) => options.onResponse?.(status, body) }
          : {}),
        ...(setup
          ? {
              setupRequest: (request: autocannon.Request) => {
                const next = setup({ headers: request.headers as Record<string, string>, body: request.body });
                return { ...request, ...next } as autocannon.Request;
              },
            }
          : {}),
      },
    ],
  });
}

/** Requests per second and latency percentiles (ms) of the measured part. `ok` counts 2xx. */
export async function load(options: LoadOptions): Promise<LoadFigures & { warmupOk: number }> {
  const warmup = await run(options, options.warmupSeconds ?? 2);
  const result = await run(options, options.seconds);
  return {
    requestsPerSecond: Math.round(result.requests.total / options.seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    ok: result["2xx"],
    notOk: result.non2xx,
    errors: result.errors + result.timeouts,
    warmupOk: warmup["2xx"],
  };
}
