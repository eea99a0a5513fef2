// The handlers' log during the fuzzing: kept only for warnings and errors, by correlation id, to
// explain a failing case. Importing this module installs it as the process-wide logger (lib/log
// creates its own on first use, so this must load before any handler logs).
import { createLogger } from "@/lib/log";

const logged = new Map<string, string[]>();
(globalThis as unknown as { surveysLogger: unknown }).surveysLogger = createLogger("warn", {
  write: (line: string) => {
    const { correlationId = "-" } = JSON.parse(line) as { correlationId?: string };
    logged.set(correlationId, [...(logged.get(correlationId) ?? []), line]);
  },
});

/** The warnings and errors logged while answering the request with this correlation id. */
export const logsOf = (correlationId: string): string[] => logged.get(correlationId) ?? [];
