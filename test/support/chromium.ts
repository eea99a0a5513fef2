// Debian's Chromium, as every browser test here launches it: Playwright's own browser download is
// never used (no network), and nothing in the browser may phone home during a test.
import type { LaunchOptions } from "@playwright/test";

export const CHROMIUM: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
