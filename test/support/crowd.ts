/**
 * The address of respondent number `n` of a crowd (198.18.0.0/15, the range for benchmarks), as a
 * load balancer would pass it on in X-Forwarded-For: the API limits anonymous answers per address.
 */
export const crowdAddress = (n: number) => `198.18.${(n >> 8) & 255}.${n & 255}`;
