import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** CI sets KOPA_REQUIRE_BROWSER=1: there a missing Chromium fails the browser tier instead of skipping it. */
export const browserRequired = process.env.KOPA_REQUIRE_BROWSER === '1';
/** Whether the journeys run: with Chromium, or without it where they are required (and then fail, saying why). */
export const runBrowserJourneys = hasChromium || browserRequired;

if (!hasChromium && !browserRequired) {
  console.warn(
    `\n  ⚠ Browser journeys SKIPPED: no Chromium at ${CHROMIUM}.\n` +
      '    Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; CI sets KOPA_REQUIRE_BROWSER=1, where this is a failure.\n',
  );
}

/** Debian's Chromium, headless, with the flags this sandboxed machine needs. */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!hasChromium) throw new Error(`KOPA_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}: the browser tier must run here (install chromium or set CHROMIUM_PATH)`);
  // Playwright gives each launch a throw-away profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core against WCAG 2.1 A/AA rules; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}
