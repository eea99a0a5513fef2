// After the whole e2e run: no secret or token in anything the servers printed (issue 7). The
// app logs at debug and the emulator at info (playwright.config.ts), so every sign-in, token
// request, server action and API call of the run has passed through the logs by now. A finding
// fails the run.
import { readFileSync } from "node:fs";
import { findSecrets } from "@/test/support/secret-scan";
import { servers } from "./support/servers";

const seed = JSON.parse(readFileSync("emulator/directory.seed.json", "utf8")) as {
  defaultPassword?: string;
  applications?: Array<{ secrets?: string[] }>;
};

function knownSecrets(): Record<string, string> {
  const known: Record<string, string> = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "",
    "the seeded users' password": seed.defaultPassword ?? "",
  };
  for (const [index, key] of (process.env.TOKEN_CACHE_KEYS ?? "").split(",").entries()) {
    known[`TOKEN_CACHE_KEYS key ${index + 1}`] = key.slice(key.indexOf(":") + 1);
  }
  for (const application of seed.applications ?? []) {
    for (const secret of application.secrets ?? []) known[`client secret ${secret.slice(0, 8)}…`] = secret;
  }
  return known;
}

export default function scanServerLogs(): void {
  const text = readFileSync(servers.log, "utf8");
  const findings = findSecrets(text, knownSecrets());
  const lines = text.split("\n").length;
  if (findings.length > 0) {
    const list = findings.slice(0, 20).map((f) => `  ${servers.log}:${f.line}  ${f.kind}  ${f.excerpt}`);
    throw new Error(`secrets in the server logs (${findings.length} in ${lines} lines):\n${list.join("\n")}`);
  }
  console.log(`log scan: ${lines} server log lines, no secret or token`);
}
