// Server actions are POSTs to a page with a Next-Action header, authenticated by the session
// cookie alone, so a page on another site could make a signed-in browser send one (CSRF).
// Next.js compares Origin with Host itself; we refuse earlier and stricter, against the one
// public origin we are configured with (NEXTAUTH_URL), so a Host header a proxy rewrote, or a
// request without Origin, cannot slip through.

const ACTION_HEADER = "next-action";

export function isForeignServerAction(request: { method: string; headers: Headers }, publicUrl: string): boolean {
  if (request.method !== "POST" || !request.headers.has(ACTION_HEADER)) return false;
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).origin !== new URL(publicUrl).origin;
  } catch {
    return true;
  }
}
