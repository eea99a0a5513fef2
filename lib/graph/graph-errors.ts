// Graph's answers (as @microsoft/microsoft-graph-client reports them) → our expected errors.
import { GraphError } from "@microsoft/microsoft-graph-client";
import { UnauthorizedError } from "@/lib/errors";
import { ConsentRequiredError, GraphUnavailableError } from "./errors";

/** Returns the error to throw; what is not an expected Graph failure comes back unchanged. */
export function translateGraphError(error: unknown, scopes: readonly string[]): unknown {
  if (!(error instanceof GraphError)) return error;
  const status = error.statusCode;
  // The client reports transport failures (refused, reset, aborted by our deadline) as -1.
  if (status === -1 || status === 429 || status >= 500) {
    return new GraphUnavailableError(`${error.code ?? "no answer"} (HTTP ${status})`);
  }
  if (status === 403) return new ConsentRequiredError(scopes, "insufficient_privileges");
  if (status === 401) return new UnauthorizedError("Microsoft Graph did not accept the token. Sign in again.");
  return error;
}
