// Correlation ids tie together the log lines of one request across the page, the Survey API
// and (later) downstream calls. An inbound id is accepted only if it looks like one, so a
// caller cannot inject arbitrary text into our logs.

export const CORRELATION_HEADER = "x-correlation-id";

const WELL_FORMED = /^[A-Za-z0-9._-]{8,64}$/;

export function correlationIdFrom(inbound: string | null | undefined): string {
  return inbound && WELL_FORMED.test(inbound) ? inbound : crypto.randomUUID();
}
