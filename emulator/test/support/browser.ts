import { type HttpResponse, httpCall } from "./http-client";

/**
 * Drives the emulator's sign-in pages with plain HTTP, the way a person (or Playwright) would:
 * follows redirects on the emulator, answers the sign-in and consent forms, and stops at the
 * client's redirect URI (query, fragment or form_post). Keeps the emulator's session cookie.
 */
export interface SignInChoices {
  /** Typed into the sign-in page (UPN or mail). Omit to stop at the sign-in page. */
  account?: string;
  /** What to do on a consent page; omit to stop there. */
  consent?: "accept" | "accept-for-organization" | "cancel";
  /** On "Need admin approval": go back to the app; omit to stop there. */
  adminApproval?: "return";
  /** Cancel on the sign-in page. */
  cancelSignIn?: boolean;
}

export type FlowResult =
  | { kind: "redirect"; url: URL; params: URLSearchParams; mode: "query" | "fragment" | "form_post" }
  | {
      kind: "page";
      page: "sign-in" | "consent" | "admin-approval" | "error" | "signed-out" | "other";
      status: number;
      html: string;
    };

export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly emulatorUrl: string,
    private readonly ca?: string,
  ) {}

  private cookieHeader(): Record<string, string> {
    return this.cookies.size > 0 ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }

  private remember(res: HttpResponse): void {
    const setCookie = res.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || attributes.some((a) => a.trim().toLowerCase() === "max-age=0")) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string): Promise<HttpResponse> {
    const res = await httpCall(url, { headers: this.cookieHeader(), ca: this.ca });
    this.remember(res);
    return res;
  }

  async post(url: string, form: Record<string, string>): Promise<HttpResponse> {
    const res = await httpCall(url, { form, headers: this.cookieHeader(), ca: this.ca });
    this.remember(res);
    return res;
  }

  hasSession(): boolean {
    return this.cookies.has("ESTSAUTH");
  }

  /** Runs an authorization (or admin consent / logout) request to its end or to a page. */
  async run(startUrl: string, choices: SignInChoices = {}): Promise<FlowResult> {
    let res = await this.get(startUrl);
    let answeredSignIn = false;
    for (let step = 0; step < 12; step++) {
      if (res.status === 302 && res.location) {
        const next = new URL(res.location);
        if (next.origin === new URL(this.emulatorUrl).origin) {
          res = await this.get(next.toString());
          continue;
        }
        const mode = next.hash ? "fragment" : "query";
        const params = new URLSearchParams(mode === "fragment" ? next.hash.slice(1) : next.search);
        return { kind: "redirect", url: next, params, mode };
      }
      const html = res.text;
      const formPost = /<form method="post" action="([^"]+)" id="response">/.exec(html);
      if (formPost?.[1]) {
        const params = new URLSearchParams();
        for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
          params.append(decodeEntities(m[1] ?? ""), decodeEntities(m[2] ?? ""));
        }
        return { kind: "redirect", url: new URL(decodeEntities(formPost[1])), params, mode: "form_post" };
      }
      const action = (name: string) => {
        const m = new RegExp(`action="(/interaction/[^"]+/${name})"`).exec(html);
        return m?.[1] ? new URL(decodeEntities(m[1]), this.emulatorUrl).toString() : undefined;
      };
      const page = pageKind(res.status, html);
      if (page === "sign-in") {
        if (choices.cancelSignIn) {
          res = await this.post(action("cancel") ?? "", {});
          continue;
        }
        if (!choices.account || answeredSignIn) return { kind: "page", page, status: res.status, html };
        answeredSignIn = true;
        res = await this.post(action("account") ?? "", { login: choices.account });
        continue;
      }
      if (page === "consent" && choices.consent) {
        const form: Record<string, string> = { decision: choices.consent === "cancel" ? "cancel" : "accept" };
        if (choices.consent === "accept-for-organization") form.for_organization = "on";
        res = await this.post(action("consent") ?? "", form);
        continue;
      }
      if (page === "admin-approval" && choices.adminApproval === "return") {
        res = await this.post(action("return") ?? "", {});
        continue;
      }
      return { kind: "page", page, status: res.status, html };
    }
    throw new Error("too many steps in the sign-in flow");
  }
}

function pageKind(status: number, html: string): Extract<FlowResult, { kind: "page" }>["page"] {
  if (html.includes('/account"')) return "sign-in";
  if (html.includes('/consent"')) return "consent";
  if (html.includes("Need admin approval")) return "admin-approval";
  if (html.includes("You signed out")) return "signed-out";
  if (status >= 400) return "error";
  return "other";
}

export function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  const [, payload = ""] = token.split(".");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

export function decodeJwtHeader(token: string): Record<string, unknown> {
  const [header = ""] = token.split(".");
  return JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as Record<string, unknown>;
}
