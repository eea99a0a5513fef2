// What proxy.ts answers while the database is unreachable (lib/db-availability.ts): 503 with
// Retry-After, a problem document for the API and a plain page for people, instead of every
// request failing on its own after a connection timeout. Health and ping still reach their
// handlers: /api/health must say which check fails.
import { NextResponse } from "next/server";
import { PROBLEM_CONTENT_TYPE, problemOf } from "@/lib/api/problem";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE, databaseAvailable } from "@/lib/db-availability";
import { escapeHtml } from "@/lib/html";

const PASS_THROUGH = new Set(["/api/health", "/api/ping"]);

function page(path: string, correlationId: string): string {
  // No script and no external resource: it must render whatever else is down.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Surveys is temporarily unavailable</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1f}a{color:#0b5cad}.muted{color:#555}</style>
</head><body><main>
<h1>Surveys is temporarily unavailable</h1>
<p>We cannot reach our database right now, so nothing can be shown or saved. Nothing you already saved is lost.</p>
<p>This usually passes within a minute. <a href="${escapeHtml(path)}">Try again</a></p>
<p class="muted">Reference: <code>${escapeHtml(correlationId)}</code></p>
</main></body></html>`;
}

/** The 503 to answer instead of running the request, or null when it should run. */
export async function outageResponse(
  request: { method: string; nextUrl: URL; headers: Headers },
  correlationId: string,
): Promise<NextResponse | null> {
  const path = request.nextUrl.pathname;
  if (PASS_THROUGH.has(path) || (await databaseAvailable())) return null;
  const headers = { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS), "cache-control": "no-store" };
  if (path.startsWith("/api/")) {
    const problem = problemOf({
      status: 503,
      code: "unavailable",
      detail: DATABASE_UNAVAILABLE,
      instance: path,
      correlationId,
    });
    return new NextResponse(JSON.stringify(problem), {
      status: 503,
      headers: { ...headers, "content-type": PROBLEM_CONTENT_TYPE },
    });
  }
  const self = `${path}${request.nextUrl.search}`;
  return new NextResponse(request.method === "GET" || request.method === "HEAD" ? page(self, correlationId) : null, {
    status: 503,
    headers: { ...headers, "content-type": "text/html; charset=utf-8" },
  });
}
