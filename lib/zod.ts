// zod, configured once. Import `z` from here, not from "zod", in code that may run in the
// browser: zod probes whether it may compile parsers with `new Function` (its JIT), and under
// our CSP (no 'unsafe-eval') that probe is a blocked eval Chromium reports as a violation on
// every page with a form. In the browser we switch the JIT off; the server keeps it.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
