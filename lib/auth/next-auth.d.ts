// The shape of our session token and of next-auth's session object (see lib/auth/options.ts).
import type { AppRole } from "./actor";

declare module "next-auth" {
  interface Session {
    sid: string;
    tid: string;
    oid: string;
    uid: string;
    hid: string;
    roles: AppRole[];
    persistent: boolean;
    user: { name: string; email: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid: string;
    tid: string;
    oid: string;
    uid: string;
    hid: string;
    name: string;
    email: string | null;
    roles: AppRole[];
    persistent: boolean;
  }
}
