// Liveness/readiness for load balancers and operators: 200 when every dependency answers,
// 503 naming the failing one. Details of a failure go to the log, not to the public body.
import { CORRELATION_HEADER, correlationIdFrom } from "@/lib/correlation";
import { productChecks, runChecks } from "@/lib/health/checks";
import { requestLogger } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const correlationId = correlationIdFrom(request.headers.get(CORRELATION_HEADER));
  const report = await runChecks(productChecks());
  if (report.status !== "ok") {
    requestLogger(correlationId).warn({ checks: report.checks, failures: report.failures }, "health check failed");
  }
  return Response.json(
    { status: report.status, ...report.checks },
    {
      status: report.status === "ok" ? 200 : 503,
      headers: { "cache-control": "no-store", [CORRELATION_HEADER]: correlationId },
    },
  );
}
