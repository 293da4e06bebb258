import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { cspViolationsOf, expectAccessible, journeyWorld, logIn } from './support.js';

const DIST = new URL('../../web/dist/', import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// The build `npm run build` leaves for production, and the real server serving it under its
// Content-Security-Policy in Chromium.
describe('the production build of the UI', () => {
  it('ships no source maps and points to none', () => {
    expect(existsSync(join(DIST, 'index.html')), 'run `npm run build` first').toBe(true);
    const files = filesUnder(DIST);
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(5);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.(js|css|html)$/.test(f) && /sourceMappingURL=/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('has no inline script in index.html', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toMatch(/<script[^>]+src="\/assets\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+="/i); // no inline event handlers
  });
});

describe.runIf(runBrowserJourneys)('the UI and /docs under the Content-Security-Policy in Chromium', () => {
  const world = journeyWorld('pglite');

  it('the UI signs in and shows its pages with nothing refused', async () => {
    const page = await world.open();
    const response = await page.goto('/login');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await logIn(page, 'operators@rda.lv');
    await page.goto('/services');
    await expectAccessible(page, 'services');
    expect(cspViolationsOf(page)).toEqual([]);
  });

  it('/docs renders the API reference with nothing refused', async () => {
    const page = await world.open();
    const response = await page.goto('/docs');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('Kopa API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(await page.locator('.opblock').count()).toBeGreaterThan(50);
    await page.waitForLoadState('networkidle');
    expect(cspViolationsOf(page)).toEqual([]);
  });
});
