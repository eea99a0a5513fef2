// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Loaded from node_modules at run time rather than bundled: the Prisma runtime loads its
  // query compiler (wasm) from its own package folder, and pino/ioredis use Node internals.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "ioredis",
    "@azure/msal-node",
    "@microsoft/microsoft-graph-client",
  ],
  // forbidden(): a signed-in person without the needed role gets app/forbidden.tsx (403).
  experimental: { authInterrupts: true },
  turbopack: {
    root: import.meta.dirname,
  },
};

export default nextConfig;
