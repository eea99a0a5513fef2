import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
  location: string | undefined;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  form?: Record<string, string> | URLSearchParams;
  body?: string;
  /** PEM of the emulator's CA when the process itself does not trust it (the test runner). */
  ca?: string | undefined;
}

/**
 * Plain HTTPS for the tests' own calls (not for the clients under test): node:https with the
 * emulator's CA passed explicitly, since NODE_EXTRA_CA_CERTS is read only at process start.
 */
export function httpCall(url: string, options: HttpOptions = {}): Promise<HttpResponse> {
  const target = new URL(url);
  let body = options.body;
  const headers: Record<string, string> = { ...options.headers };
  if (options.form) {
    body = (options.form instanceof URLSearchParams ? options.form : new URLSearchParams(options.form)).toString();
    headers["content-type"] ??= "application/x-www-form-urlencoded";
  }
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: options.method ?? (body !== undefined ? "POST" : "GET"),
        headers,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const location = res.headers.location;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
            location: location ? new URL(location, url).toString() : undefined,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
