// Structured JSON logs (pino). One root logger; request-scoped children carry the correlation id.
// Every object and message passes through redact() so tokens and secrets never reach a log.
import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "./env";
import { redact, redactString } from "./redact";

/** A configured logger; the app uses logger(), tests pass their own destination. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "surveys" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redact(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? redactString(arg) : arg)) as Parameters<
          typeof method
        >;
        return method.apply(this, scrubbed);
      },
      // Last line of defence: pino does not pass child-logger bindings through the log
      // formatter, so the final JSON is scrubbed of token-shaped strings as well.
      streamWrite: (line) => redactString(line),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const globalForLog = globalThis as unknown as { surveysLogger?: Logger };

/** The process-wide logger. */
export function logger(): Logger {
  globalForLog.surveysLogger ??= createLogger(env().LOG_LEVEL);
  return globalForLog.surveysLogger;
}

/** A child logger for one request; every line it writes carries the correlation id. */
export function requestLogger(correlationId: string, fields: Record<string, unknown> = {}, parent = logger()): Logger {
  return parent.child({ correlationId, ...(redact(fields) as Record<string, unknown>) });
}
