import type { EmulatorContext } from "../context";
import { entraTimestamp } from "../support/clock";
import { type RequestContext, redirect, sendHtml } from "../support/http";
import { formPostPage } from "../ui/sign-in-pages";
import type { AadError } from "./errors";

export type ResponseMode = "query" | "fragment" | "form_post";

/** Sends parameters back to the client's redirect URI in the requested response mode. */
export function respondToClient(
  http: RequestContext,
  mode: ResponseMode,
  redirectUri: string,
  params: [string, string][],
): void {
  if (mode === "form_post") {
    sendHtml(http, 200, formPostPage(redirectUri, params));
    return;
  }
  const url = new URL(redirectUri);
  const encoded = new URLSearchParams(params);
  if (mode === "fragment") url.hash = encoded.toString();
  else for (const [name, value] of params) url.searchParams.append(name, value);
  redirect(http, url.toString());
}

/** An authorization error as redirect parameters (§3.3); `state` always comes back. */
export function errorParams(
  ectx: EmulatorContext,
  http: RequestContext,
  err: AadError,
  state: string | undefined,
): [string, string][] {
  const timestamp = entraTimestamp(ectx.clock.now());
  const params: [string, string][] = [
    ["error", err.error],
    [
      "error_description",
      `${err.message}\r\nTrace ID: ${http.traceId}\r\nCorrelation ID: ${http.correlationId}\r\nTimestamp: ${timestamp}`,
    ],
    ["error_uri", `${ectx.url}/error?code=${err.code}`],
  ];
  if (err.options.suberror) params.push(["error_subcode", err.options.suberror]);
  if (err.options.claims) params.push(["claims", err.options.claims]);
  if (state !== undefined) params.push(["state", state]);
  return params;
}
