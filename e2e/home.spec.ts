import { expect, test } from "@playwright/test";
import { servers } from "./support/servers";

test("the home page says what Surveys is", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Surveys");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Surveys for your whole organization");
  await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Surveys", exact: true })).toHaveAttribute("href", "/");
});

test("the health endpoint reports the database as ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(response.headers()["x-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("a well-formed correlation id from the caller is echoed back", async ({ request }) => {
  const response = await request.get("/api/health", { headers: { "x-correlation-id": "e2e-trace-0001" } });
  expect(response.headers()["x-correlation-id"]).toBe("e2e-trace-0001");
});

test("an unknown page answers 404 with a way back home", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL("/");
});

test.describe("with the database down", () => {
  test("the health endpoint answers 503 naming the database", async ({ request }) => {
    const response = await request.get(`${servers.broken.url}/api/health`);
    expect(response.status()).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "error" });
  });

  test("the home page, which needs no data, still renders", async ({ page }) => {
    await page.goto(`${servers.broken.url}/`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
