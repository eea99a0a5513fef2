// The address of the client a request is for, which rate limits key on: the first hop of
// X-Forwarded-For, which Next.js sets from the socket when absent, a load balancer in front sets
// for the browser, and our own server actions pass on when they call the API for a browser.
// Behind a proxy that appends rather than replaces the header, a caller could choose it; deploy
// behind one that replaces it.
export function clientAddress(request: { headers: Headers }): string {
  const first = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first && first.length <= 64 ? first : "unknown";
}
