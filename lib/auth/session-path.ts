/** Set by proxy.ts on every request, so a sign-in redirect can come back to the same page. */
export const PATH_HEADER = "x-surveys-path";

/** Only same-site paths: a return address must not become an open redirect. */
export function safeReturnPath(path: string | null | undefined): string {
  if (!path?.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  if (path.startsWith("/api/")) return "/";
  return path;
}
