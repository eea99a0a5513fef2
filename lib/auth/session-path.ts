/** Set by proxy.ts on every request, so a sign-in redirect can come back to the same page. */
export const PATH_HEADER = "x-surveys-path";
