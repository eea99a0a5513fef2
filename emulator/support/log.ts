import { type LevelWithSilent, type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level: LevelWithSilent): Logger {
  return pino({ name: "entra-emulator", level });
}
