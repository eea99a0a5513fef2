/**
 * The emulator's notion of "now". Everything that issues or checks a lifetime reads it, so a
 * test can shift it (test mode only) to expire codes and tokens without waiting.
 */
export class Clock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/** Entra's timestamp format in error bodies: `2016-04-11 18:00:12Z`. */
export function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
}
