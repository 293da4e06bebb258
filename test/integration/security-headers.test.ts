import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** The CSP directives of a response, as a map of directive → sources. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map((header as string).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name!, sources];
  }));
}

function expectStrictPolicy(header: unknown): void {
  const csp = directives(header);
  expect(csp.get('default-src')).toEqual(["'none'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  for (const [name, sources] of csp) {
    expect({ name, unsafe: sources.filter((s) => /unsafe|\*|^https?:$|^data:$/.test(s) && !(name === 'img-src' && s === 'data:')) }).toEqual({ name, unsafe: [] });
  }
}

describe.each(BACKENDS)('security headers on %s', (backend) => {
  let t: TestApp;
  let proxied: TestApp;
  const webDir = mkdtempSync(join(tmpdir(), 'kopa-web-'));

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><html lang="lv"><title>Kopa</title><script type="module" src="/assets/index.js"></script></html>');
    writeFileSync(join(webDir, 'assets', 'index.js'), 'console.log("kopa")');
    t = await startTestApp(backend, { webDir });
    proxied = await startTestApp(backend, { webDir, demo: false, server: { trustProxy: 1 } });
  });
  afterAll(async () => {
    await t.close();
    await proxied.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('the UI pages carry a strict Content-Security-Policy: no inline script, no framing', async () => {
    for (const url of ['/', '/login', '/municipalities/123']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expectStrictPolicy(res.headers['content-security-policy']);
    }
  });

  it('the API documentation at /docs has a strict policy too', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
    expectStrictPolicy(page.headers['content-security-policy']);
    // Swagger UI's logo stylesheet alone is allowed, by its hash; no inline style otherwise.
    expect(directives(page.headers['content-security-policy']).get('style-src')).toEqual(["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"]);
  });

  it('sends HSTS only when the request came over HTTPS through a trusted proxy', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).headers['strict-transport-security']).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBeUndefined();
    const https = await proxied.app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect((await proxied.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'http' } })).headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps the other protections on every response, the API included', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/status' });
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
  });
});
