// A production server of this checkout (`next start` of the existing build) as a child process,
// for tests and the bench that need whole instances: its JSON log lines are kept, and it is
// stopped or killed like a real deployment would be.
import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export interface AppServer {
  url: string;
  child: ChildProcess;
  /** The server's JSON log lines, in order. */
  log: Array<Record<string, unknown>>;
  /** SIGTERM (graceful) or SIGKILL (a crash); resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface AppServerOptions {
  port: number;
  env?: Record<string, string>;
  /** Extra arguments for node, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const url = `http://localhost:${options.port}`;
  const next = ["node_modules/next/dist/bin/next", "start", "--port", String(options.port)];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...next], {
    env: { ...process.env, NODE_ENV: "production", NEXTAUTH_URL: url, ...options.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const log: Array<Record<string, unknown>> = [];
  let rest = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      try {
        log.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // a line that is not ours
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server on ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, log, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop("SIGKILL");
  throw new Error(`the server on ${url} did not become healthy`);
}
