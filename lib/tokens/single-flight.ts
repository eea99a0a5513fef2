// Concurrent callers asking for the same thing share one piece of work: twenty requests of one
// user arriving just after their access token expired cause one refresh, not twenty.

export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  get size(): number {
    return this.inFlight.size;
  }

  /** `joined` is true when the caller got another caller's work instead of starting its own. */
  run(key: string, work: () => Promise<T>): { result: Promise<T>; joined: boolean } {
    const existing = this.inFlight.get(key);
    if (existing) return { result: existing, joined: true };
    const result = Promise.resolve()
      .then(work)
      .finally(() => {
        if (this.inFlight.get(key) === result) this.inFlight.delete(key);
      });
    this.inFlight.set(key, result);
    return { result, joined: false };
  }
}
