/**
 * Measures what issue 3 asks for (not a test): start-up time of the emulator process and the
 * token endpoint's latency.   node --import tsx emulator/bench.ts [--cold]
 * --cold starts from an empty data folder (first run: CA, certificate and keys are generated).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cold = process.argv.includes("--cold");
const dataDir = cold
  ? mkdtempSync(path.join(tmpdir(), "entra-emulator-bench-"))
  : path.join(here, "..", ".data", "emulator-bench");

const started = performance.now();
const child = spawn(
  process.execPath,
  ["--import", "tsx", path.join(here, "main.ts"), "--port", "0", "--data-dir", dataDir, "--log-level", "warn"],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const ready = await new Promise<{ url: string; env: Record<string, string> }>((resolve, reject) => {
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const line = buffer.split("\n")[0];
    if (buffer.includes("\n") && line) resolve(JSON.parse(line) as { url: string; env: Record<string, string> });
  });
  child.on("exit", (code) => reject(new Error(`emulator exited ${code}`)));
});
const startMs = performance.now() - started;

const agent = new Agent({ keepAlive: true, ca: readFileSync(path.join(dataDir, "pki", "ca.pem")) });
function post(pathname: string, form: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${ready.url}${pathname}`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => {
          text += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function measure(label: string, pathname: string, form: Record<string, string>, n = 300) {
  for (let i = 0; i < 20; i++) await post(pathname, form);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await post(pathname, form);
    samples.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${label}: ${res.status} ${res.body}`);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]?.toFixed(2);
  console.log(`${label.padEnd(34)} p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   max ${at(1)} ms   (n=${n})`);
}

const env = ready.env;
const contoso = "69ccb639-833e-460b-967f-f707c63700f4";
console.log(
  `start-up (${cold ? "cold: generates CA, TLS certificate, signing keys" : "warm"}): ${startMs.toFixed(0)} ms to the ready line`,
);
await measure("client_credentials (v2 API token)", `/${contoso}/oauth2/v2.0/token`, {
  grant_type: "client_credentials",
  client_id: "5379b2e6-37f0-45d5-afd3-698c2e9d7462",
  client_secret: "surveys-automation-local-secret",
  scope: `${env.SURVEY_API_APP_ID_URI}/.default`,
});
const ropc = await post("/organizations/oauth2/v2.0/token", {
  grant_type: "password",
  client_id: env.AZURE_AD_CLIENT_ID ?? "",
  client_secret: env.AZURE_AD_CLIENT_SECRET ?? "",
  username: "megan@contoso.com",
  password: "Passw0rd!",
  scope: `openid profile offline_access ${env.SURVEY_API_SCOPE}`,
});
const refreshToken = String((JSON.parse(ropc.body) as { refresh_token: string }).refresh_token);
await measure("refresh_token (AT + ID + RT)", "/common/oauth2/v2.0/token", {
  grant_type: "refresh_token",
  client_id: env.AZURE_AD_CLIENT_ID ?? "",
  client_secret: env.AZURE_AD_CLIENT_SECRET ?? "",
  refresh_token: refreshToken,
  client_info: "1",
});

agent.destroy();
child.kill("SIGTERM");
if (cold) rmSync(dataDir, { recursive: true, force: true });
