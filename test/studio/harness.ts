/**
 * @module test/studio/harness
 * The studio's browser tests run against the real server (a fresh embedded database with the
 * demo organisation) and a real Chromium through playwright-core. One server and one browser per
 * test file; each test opens its own context (cookies, storage) and collects console errors.
 *
 * Chromium must be installed (`CHROMIUM_PATH`, default /usr/bin/chromium): without it the tests
 * fail with a clear message instead of being skipped.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { ensureStudioBuilt } from '../../server/studio-build.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

/** The launch flags verified in the stack notes (stack.md §6). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export interface DemoUser {
  username: string;
  password: string;
}

export interface Studio {
  url: string;
  server: RunningServer;
  browser: Browser;
  /** Demo users by username (hr, auditor, manager, manager-eng, employee). */
  users: Record<string, DemoUser>;
  close(): Promise<void>;
}

/** Vitest runs files in parallel: build the studio once, under a lock folder. */
async function buildStudioOnce(studioDir: string): Promise<void> {
  const lock = join(tmpdir(), 'yardstick-studio-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 3 minutes belongs to a crashed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the studio build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await ensureStudioBuilt(studioDir);
  } finally {
    rmdirSync(lock);
  }
}

/**
 * Start the server on a fresh data folder and launch Chromium.
 * @example const studio = await startStudio(); … await studio.close();
 */
export async function startStudio(): Promise<Studio> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium is required for the studio tests but was not found at ${executablePath}. Install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'yardstick-studio-test-'));
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', YARDSTICK_DATA_DIR: dataDir, YARDSTICK_DEMO: '1' });
  await buildStudioOnce(config.studioDir);
  const server = await startServer(config, () => {});
  if (!server.demo) throw new Error('The demo organisation was not seeded.');
  const users = Object.fromEntries(server.demo.users.map((u) => [u.username, { username: u.username, password: u.password }]));
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    url: server.url,
    server,
    browser,
    users,
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page in its own browser context, with every console error and page error recorded. */
export interface TestPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  close(): Promise<void>;
}

/**
 * Open a fresh context (no cookies) at a viewport size.
 * @example const { page, errors } = await openPage(studio); … expect(errors).toEqual([]);
 */
export async function openPage(studio: Studio, viewport = { width: 1280, height: 800 }): Promise<TestPage> {
  const context = await studio.browser.newContext({ viewport, baseURL: studio.url, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message} (${page.url()})`));
  return { page, context, errors, close: () => context.close() };
}

/** Log in through the login page and wait for the landing page. */
export async function login(page: Page, user: DemoUser): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name="username"]').fill(user.username);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('#main-nav').waitFor({ state: 'attached' });
}

/** Save a screenshot to test-artifacts/screenshots/<name>.png (the folder is git-ignored). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Whether the page fits its viewport's width (no sideways scrolling, e.g. on a phone). */
export async function noHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** The visible names of the main navigation's links. */
export async function navigationLabels(page: Page): Promise<string[]> {
  return (await page.locator('#main-nav li:not(.account-item) > a').allTextContents()).map((s) => s.trim());
}

/**
 * One studio for a test file: started before its first test, closed after its last. The object
 * returned is filled in once the studio has started, so tests read `studio.url` as usual.
 * @example const studio = useStudio(); it('…', async () => { const { page } = await openPage(studio); });
 */
export function useStudio(): Studio {
  const studio = {} as Studio;
  let started: Studio | undefined;
  beforeAll(async () => {
    started = await startStudio();
    Object.assign(studio, started);
  }, 180_000);
  afterAll(async () => {
    await started?.close();
  });
  return studio;
}
