// Headless Chromium for the explorer's browser tests, driven by playwright-core (the system's /usr/bin/chromium
// when present, else the one packaged in @sparticuz/chromium — see chromium.ts; a fresh profile per browser).
// A Chromium that cannot start is a failure, never a skip.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { findChromium } from "./chromium.ts";

export const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page (CSP violations show up here). */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const binary = await findChromium();
  const profile = mkdtempSync(join(tmpdir(), "parvis-chromium-"));
  // headless: true adds --headless; the profile directory is the fresh --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: binary.executablePath,
    env: { ...process.env, ...binary.env },
    headless: true,
    args: FLAGS,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    locale: "fr-FR",
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  context.on("request", (request) => requests.push(request.url()));
  return {
    context,
    page,
    problems,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Both backends' projects run this suite, possibly at once: one file each.
  const path = join(ARTIFACTS, `${name}-${process.env.PARVIS_TEST_BACKEND ?? "local"}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the simulator's persona chooser, as a person would (no login hint from the explorer). */
export async function signIn(page: Page, origin: string, personaName: RegExp): Promise<void> {
  await page.goto(`${origin}/explorer`);
  await page.getByRole("button", { name: "Se connecter avec MonStrasbourg.eu" }).click();
  await page.getByRole("link", { name: personaName }).click();
  // /auth/callback redeems the code and returns to /explorer.
  await page.waitForURL(`${origin}/explorer`);
}
