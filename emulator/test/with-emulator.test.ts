import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, test } from "node:test";
import { REPO_ROOT } from "../index";
import { TEST_DATA_DIR } from "./support/emulator";

const SCRIPT = path.join(REPO_ROOT, "scripts", "with-emulator.mjs");

function run(command: string, env: Record<string, string | undefined>) {
  const clean = { ...process.env };
  delete clean.ENTRA_INSTANCE;
  return spawnSync(process.execPath, [SCRIPT, command], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...clean, ENTRA_EMULATOR_PORT: "0", ENTRA_EMULATOR_DATA_DIR: TEST_DATA_DIR, ...env },
    timeout: 60_000,
  });
}

describe("scripts/with-emulator.mjs", () => {
  test("runs the command with the emulator's variables, trusted over HTTPS, and returns its exit code", () => {
    const probe = `node -e "fetch(process.env.ENTRA_INSTANCE + '/common/v2.0/.well-known/openid-configuration').then(r => r.json()).then(d => { console.log(JSON.stringify({ issuer: d.issuer, env: process.env })); process.exit(7); })"`;
    const result = run(probe, {});
    assert.equal(result.status, 7, result.stderr);
    const { issuer, env } = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}");
    assert.match(issuer, /^https:\/\/127\.0\.0\.1:\d+\/\{tenantid\}\/v2\.0$/);
    for (const name of [
      "NODE_EXTRA_CA_CERTS",
      "ENTRA_INSTANCE",
      "ENTRA_KNOWN_AUTHORITY",
      "GRAPH_BASE_URL",
      "AZURE_AD_CLIENT_ID",
      "AZURE_AD_CLIENT_SECRET",
      "SURVEY_API_CLIENT_ID",
      "SURVEY_API_APP_ID_URI",
    ]) {
      assert.ok(env[name], name);
    }
    assert.equal(env.ENTRA_EMULATOR_TEST_HOOKS, undefined, "no test hooks unless asked");
  });

  test("passes through when ENTRA_INSTANCE is already set", () => {
    const result = run("echo $ENTRA_INSTANCE; exit 4", { ENTRA_INSTANCE: "https://login.microsoftonline.com" });
    assert.equal(result.status, 4);
    assert.equal(result.stdout.trim(), "https://login.microsoftonline.com");
  });
});
