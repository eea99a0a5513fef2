import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError, parseEnv, requireDatabaseUrl } from "./env";

function configError(source: Record<string, string>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected the configuration to be refused");
}

describe("parseEnv", () => {
  test("an empty environment gets the documented defaults", () => {
    const config = parseEnv({});
    assert.equal(config.NODE_ENV, "development");
    assert.equal(config.DATABASE_URL, undefined);
    assert.equal(config.DATABASE_POOL_MAX, 10);
    assert.equal(config.REDIS_URL, undefined);
    assert.equal(config.LOG_LEVEL, "info");
    assert.equal(config.PORT, 3000);
  });

  test("accepts PostgreSQL and Redis URLs and numeric settings", () => {
    const config = parseEnv({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/surveys",
      REDIS_URL: "redis://127.0.0.1:6379",
      DATABASE_POOL_MAX: "4",
      PORT: "8080",
    });
    assert.equal(config.DATABASE_URL, "postgresql://postgres@127.0.0.1:5432/surveys");
    assert.equal(config.DATABASE_POOL_MAX, 4);
    assert.equal(config.PORT, 8080);
  });

  test("a malformed DATABASE_URL is named in a one-line message", () => {
    const error = configError({ DATABASE_URL: "not-a-url" });
    assert.equal(error.variable, "DATABASE_URL");
    assert.match(error.message, /^Invalid configuration: DATABASE_URL is malformed: expected a postgresql:\/\//);
    assert.ok(!error.message.includes("\n"));
  });

  test("a URL of another database is refused", () => {
    assert.equal(configError({ DATABASE_URL: "mysql://root@localhost/db" }).variable, "DATABASE_URL");
    assert.equal(configError({ REDIS_URL: "http://localhost:6379" }).variable, "REDIS_URL");
  });

  test("numbers out of range or not numbers are refused", () => {
    assert.match(configError({ PORT: "70000" }).message, /PORT is malformed: expected a whole number from 1 to 65535/);
    assert.match(configError({ DATABASE_POOL_MAX: "lots" }).message, /DATABASE_POOL_MAX is malformed/);
    assert.match(configError({ DATABASE_POOL_MAX: "2.5" }).message, /DATABASE_POOL_MAX is malformed/);
  });

  test("an unknown LOG_LEVEL is refused, naming the variable", () => {
    assert.equal(configError({ LOG_LEVEL: "loud" }).variable, "LOG_LEVEL");
  });

  test("blank values count as unset", () => {
    assert.equal(parseEnv({ REDIS_URL: "", PORT: "" }).PORT, 3000);
  });

  test("a database URL's password never appears in the error", () => {
    const error = configError({ DATABASE_URL: "mysql://admin:s3cret@db/x" });
    assert.ok(!error.message.includes("s3cret"));
  });
});

describe("requireDatabaseUrl", () => {
  test("names DATABASE_URL when it is missing", () => {
    assert.throws(
      () => requireDatabaseUrl(parseEnv({})),
      (error: unknown) => {
        return error instanceof ConfigError && error.variable === "DATABASE_URL" && /is required/.test(error.message);
      },
    );
  });
});
