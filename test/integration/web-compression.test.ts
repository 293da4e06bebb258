import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

const PRECOMPRESS = new URL('../../scripts/precompress-web.js', import.meta.url).pathname;

// The built UI's scripts are sent compressed to a browser that accepts it, from files the build
// made once (scripts/precompress-web.js), and as they are to one that does not.
describe.each(BACKENDS)('the built UI, compressed, on %s', (backend) => {
  let t: TestApp;
  const webDir = mkdtempSync(join(tmpdir(), 'kopa-web-'));
  const script = Array.from({ length: 2000 }, (_, i) => `export const message${i} = ${JSON.stringify(`ziņa numur ${i * 7919}`)};`).join('\n');
  const page = '<!doctype html><html lang="lv"><title>Kopa</title><script type="module" src="/assets/index.js"></script></html>';

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), page);
    writeFileSync(join(webDir, 'assets', 'index.js'), script);
    writeFileSync(join(webDir, 'assets', 'tiny.js'), 'a');
    execFileSync(process.execPath, [PRECOMPRESS, webDir]);
    t = await startTestApp(backend, { webDir, demo: false });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) => t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, bytes that decompress to the file', async () => {
    const chromium = await get('/assets/index.js', 'gzip, deflate, br, zstd');
    expect(chromium.statusCode).toBe(200);
    expect(chromium.headers['content-encoding']).toBe('br');
    expect(chromium.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(String(chromium.headers.vary)).toMatch(/accept-encoding/i);
    expect(chromium.rawPayload.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(chromium.rawPayload).toString()).toBe(script);

    const gzipOnly = await get('/assets/index.js', 'gzip');
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(String(gzipOnly.headers.vary)).toMatch(/accept-encoding/i);
    expect(gunzipSync(gzipOnly.rawPayload).toString()).toBe(script);
  });

  it('sends the file as it is to a client that asks for no encoding, or none the build made', async () => {
    for (const acceptEncoding of [undefined, 'identity', 'deflate']) {
      const res = await get('/assets/index.js', acceptEncoding);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body).toBe(script);
    }
    // Too small to gain from compression: the build made nothing for it, and it is sent plain.
    const tiny = await get('/assets/tiny.js', 'gzip, br');
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('a');
  });

  // Vite names what it puts under assets/ by their content's hash: a browser may keep them without
  // asking again. index.html is the same address for every build, so it is always asked again.
  it('lets a browser keep the hashed assets a year, and revalidate index.html', async () => {
    for (const acceptEncoding of ['gzip, deflate, br, zstd', undefined]) {
      const asset = await get('/assets/index.js', acceptEncoding);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    for (const url of ['/monitors', '/index.html']) {
      const page = await get(url, 'gzip, br');
      expect(page.statusCode).toBe(200);
      expect(String(page.headers['cache-control'])).not.toMatch(/immutable|max-age=[1-9]/);
    }
  });

  it('sends a page address its index.html compressed too', async () => {
    const res = await get('/monitors', 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(readFileSync(join(webDir, 'index.html'), 'utf8'));
  });
});
