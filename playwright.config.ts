import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1366, height: 800 },
    launchOptions: { executablePath: await chromiumExecutable(), args: CHROMIUM_ARGS },
  },
  webServer: {
    // The real app (production build, embedded PostgreSQL) on a fresh data folder.
    command: "node --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: Boolean(process.env.E2E_REUSE_SERVER),
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT) },
  },
});
