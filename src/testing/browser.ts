import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launch } from 'puppeteer-core';
import { CHROMIUM } from './chromium.ts';
import { findTool } from './tools.ts';

/** Flags for headless Chromium on this machine: no sandbox as root, no GPU, nothing fetched in the background. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/** A page in the installed Chromium (never a downloaded one), with what it logged as errors. */
export interface BrowserPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions, in order. */
  readonly errors: string[];
  /** Requests the page made for anything but its own file (a self-contained page makes none). */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * Launches the installed Chromium (`CHROMIUM_BIN`, else `chromium` on PATH) through the DevTools
 * protocol (puppeteer-core) with its own profile, and opens one page that records errors and requests.
 */
export async function openBrowserPage(viewport = { width: 1400, height: 1000 }): Promise<BrowserPage> {
  const executablePath = findTool(CHROMIUM);
  if (executablePath === undefined)
    throw new Error(`${CHROMIUM} is not installed (declare it with needs(CHROMIUM))`);
  const profile = mkdtempSync(join(tmpdir(), 'kubeward-chromium-'));
  const browser: Browser = await launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
    defaultViewport: viewport,
  });
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  return {
    page,
    errors,
    requests,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
