import "server-only";
import { requireIdentity } from "@/lib/env";
import { API } from "../contract/endpoints";
import { buildOpenApiDocument } from "../openapi";
import { serve } from "../server/serve";

let cached: Record<string, unknown> | undefined;

export const getOpenApiDocumentRoute = serve(API.getOpenApiDocument, async () => {
  cached ??= buildOpenApiDocument({ identity: requireIdentity() });
  return cached;
});
