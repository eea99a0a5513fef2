import { createServer, type Server } from "node:https";
import type { EmulatorContext } from "./context";
import { notFound } from "./protocol/routes";
import { createContext, type Router, sendEmpty } from "./support/http";

/** One HTTPS server for the protocol endpoints, Graph, the portal and (in test mode) the hooks. */
export function createHttpsServer(ectx: EmulatorContext, router: Router): Server {
  return createServer({ key: ectx.pki.tlsKeyPem, cert: ectx.pki.tlsCertPem, keepAliveTimeout: 5000 }, (req, res) => {
    const http = createContext(req, res, ectx.url);
    const match = router.match(http.method, http.url.pathname);
    if (match === "method") return sendEmpty(http, 405);
    if (!match) return notFound(ectx, http);
    http.params = match.params;
    Promise.resolve()
      .then(() => match.route.handler(http))
      .catch((error: unknown) => {
        try {
          match.route.onError(http, error);
        } catch (renderError) {
          ectx.log.error({ err: renderError }, "error renderer failed");
          if (!res.headersSent) res.writeHead(500);
          res.end();
        }
      });
  });
}
