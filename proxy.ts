// Runs before every request: gives it a correlation id (kept from the caller when well-formed)
// that pages, route handlers and the logs share, and echoes it on the response.
// It decides no authorization.
import { type NextRequest, NextResponse } from "next/server";
import { CORRELATION_HEADER, correlationIdFrom } from "@/lib/correlation";

export function proxy(request: NextRequest): NextResponse {
  const correlationId = correlationIdFrom(request.headers.get(CORRELATION_HEADER));
  const headers = new Headers(request.headers);
  headers.set(CORRELATION_HEADER, correlationId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CORRELATION_HEADER, correlationId);
  return response;
}

export const config = {
  // Static assets need no id.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
