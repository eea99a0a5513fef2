// The framework's floor on this machine: a dynamic route handler that does nothing but answer.
// `npm run bench` reports every figure next to this one, measured in the same run, so numbers
// from different machines compare as ratios. No data, no session, no logging.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response("pong", {
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
