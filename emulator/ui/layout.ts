export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Tagged template that escapes every interpolation unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = string | number | Html | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? "";
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 "Segoe UI",system-ui,-apple-system,sans-serif;background:#f2f2f2;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;padding:36px 44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
main.wide{max-width:1100px}
.brand{font-size:13px;color:#5e5e5e;margin:0 0 16px}
.brand strong{color:#0067b8}
h1{font-size:24px;font-weight:600;margin:0 0 12px}
h2{font-size:18px;font-weight:600;margin:24px 0 8px}
label{display:block;margin:12px 0 4px}
input[type=email],input[type=text],input[type=password],select{width:100%;padding:6px 2px;border:0;border-bottom:1px solid #666;font:inherit}
input:focus,select:focus,button:focus-visible,a:focus-visible{outline:2px solid #0067b8;outline-offset:2px}
button{font:inherit;padding:6px 20px;border:1px solid #0067b8;background:#0067b8;color:#fff;cursor:pointer;min-width:108px}
button.secondary{background:#ccc;border-color:#ccc;color:#000}
button.link{background:none;border:0;color:#0067b8;padding:0;min-width:0;text-decoration:underline}
.actions{display:flex;gap:8px;justify-content:flex-end;margin-top:24px}
ul.accounts{list-style:none;padding:0;margin:0}
ul.accounts li{border-bottom:1px solid #ddd}
ul.accounts button{display:block;width:100%;text-align:left;background:#fff;color:#1b1b1b;border:0;padding:10px 4px}
ul.accounts button:hover{background:#f2f2f2}
.muted{color:#5e5e5e;font-size:13px}
.error{color:#c00}
.details{font:12px/1.4 Consolas,monospace;color:#5e5e5e;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:14px;margin-bottom:8px}
th,td{border-bottom:1px solid #ddd;text-align:left;padding:4px 6px;vertical-align:top}
td form{display:inline}
`;

export function page(title: string, body: Html, options: { wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main${options.wide ? ' class="wide"' : ""}>
<p class="brand"><strong>Microsoft Entra ID</strong> · local emulator</p>
${body.value}
</main></body></html>`;
}
