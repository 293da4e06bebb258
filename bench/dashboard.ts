/**
 * The operator's monitors page in a real browser: `kopa serve` started the way users start it (the
 * compiled dist/ and the built web UI) with 2,000 monitors and a year of history (bench/history.ts),
 * restarted cold, then Chromium (playwright-core, Debian's /usr/bin/chromium) signed in as an
 * operator opens /monitors: cold (the first visit after the restart, with an empty browser cache)
 * and warm (reloads). Prints, from the navigation's start, the time until the first row's data is
 * on screen, until the page is usable (the first row on screen and every filter control enabled,
 * the service filter holding the services), and until the network is idle (the last response's end),
 * and the ratios to issue 11's goals (first screen's data < 300 ms, usable < 1 s); the cold visit's
 * marks are also given from the server process's spawn (its start to the banner included). Beside them, the
 * first screen's data requests themselves (the list, the counts, the services and the municipalities,
 * which web/src/early.ts asks with the session, before the app's code; ADR 0028): when they were asked, when the last was answered,
 * and the longest one's own duration (asked → answered) — which is what the first goal's "first
 * screen's data" is, apart from the scripts before it and the drawing after it.
 *
 *   npm run bench:dashboard [-- --monitors 2000] [-- --services 20] [-- --raw-hours 24] [-- --reloads 3] [-- --only postgres|pglite] [-- --waterfall] [-- --new-backends] [-- --fresh-days] [-- --tree <dir>] [-- --profile] [-- --renders] [-- --server-log]
 *
 * "Cold after a restart" means a restart of a running installation: after the history is written
 * (behind the server's back), the server is started once and asked for the public status page, so
 * that the status page's kept days are written as a running server keeps them; it is stopped, and
 * the cold visit is to the next start. `--fresh-days` skips that run: the cold start then finds no
 * kept days, and its status start computation (ADR 0022/0026) reads 90 days of segments exactly
 * while the page loads — the bench's case before 2026-12-06 evening, which no running installation
 * meets after a restart (only its very first start after an upgrade that empties them).
 * The cold visit also prints the CPU used from the navigation to the network's idle, from /proc: the
 * browser (Chromium's processes, by their `--type`), the server, and its PostgreSQL backends — on a
 * machine of two cores the browser's own work is part of what the page waits for.
 * `--tree <dir>` starts that tree's built `bin/kopa.js` (its dist/ and web/dist) instead of this
 * one's: a commit built in a copy, measured by this bench, back to back.
 *
 * `--profile` records the cold visit's renderer through the DevTools protocol: its main thread's
 * time by kind (Performance.getMetrics: scripts, style recalculation, layout, all tasks), the DOM's
 * nodes and the rows at the network's idle, and a sampled JavaScript CPU profile (Profiler) whose
 * self time is summed by script (the bundle's chunks keep their names) and by function — to see what
 * the browser's own CPU of a cold visit is spent on.
 * `--waterfall` also prints every request of the cold visit and of the last reload in the order they
 * started (start → first byte → end, from the navigation's start), to see which waits on which.
 * `--server-log` runs the restarted server with LOG_LEVEL=debug and prints, in the page's clock, what its log
 * says of the cold visit: each request's arrival at the server and its answer (Fastify's own lines), and
 * the status page's start computation (when it gave way, began again and finished; ADR 0026) — which
 * request waited on which, seen from the server.
 * `BENCH_SERVER_FLAGS` adds flags to the server's node (`--cpu-prof --cpu-prof-dir=…`, say).
 * `--new-backends` (PostgreSQL) ends the server's database connections after the warm reloads and
 * reloads once more: Node is warm, every backend new — what a cold visit owes to new backends.
 *
 * The operator signs in with a password only: the server runs with KOPA_MFA_REQUIRED_ROLES=none,
 * as the tests' and benches' servers do (test/support/server-process.ts), since the second factor is
 * not what is measured. The sign-in happens before the history is written and the server restarted;
 * the session cookie carries over into a fresh browser context. The prober and the job worker are
 * off (the monitors' addresses do not exist; the cores are few), as in bench/status-page.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.js';
import { COMPILED_BIN, compiledIsCurrent } from '../test/support/kopa-command.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { benchDatabase } from './bench-database.js';
import { machineContext } from './context.js';
import { onPGlite, onPostgres, writeYearOfHistory, type Sql } from './history.js';
import { benchServerFlags, loadAverage, stopServer } from './measure.js';
import { backendsOf, cpuSeconds, processTree } from './proc-cpu.js';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MONITORS = option('monitors', 2000);
const SERVICES = option('services', 20);
const RAW_HOURS = option('raw-hours', 24);
const RELOADS = option('reloads', 3);
const WATERFALL = process.argv.includes('--waterfall');
const NEW_BACKENDS = process.argv.includes('--new-backends');
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const FRESH_DAYS = process.argv.includes('--fresh-days');
const PROFILE = process.argv.includes('--profile');
const RENDERS = process.argv.includes('--renders');
const SERVER_LOG = process.argv.includes('--server-log');
const TREE = process.argv.includes('--tree') ? process.argv[process.argv.indexOf('--tree') + 1]! : undefined;
const BIN = TREE ? join(TREE, 'bin/kopa.js') : COMPILED_BIN;
const GOAL = { firstRowMs: 300, usableMs: 1000 };
const EMAIL = 'bench.operator@rda.lv';
const PASSWORD = randomBytes(18).toString('base64url');

const history = (exec: Sql) => writeYearOfHistory(exec, { monitors: MONITORS, services: SERVICES, rawHours: RAW_HOURS });

/**
 * Runs in the page before its own scripts: notes, in the page's clock (0 = the navigation's start),
 * the first animation frame after the first row is in the document, and the first after the page is
 * usable as well — a frame after the change, since that is when it is painted. Plain JavaScript in a
 * string, so that nothing the TypeScript loader adds (its name helpers) reaches the page.
 * The document is looked at once per frame, in the frame's own animation callback, not on each
 * change: measuring the row (getBoundingClientRect) lays the page out, and done on every change it
 * cost the cold visit's main thread ~80 ms of layouts the page itself never asked for.
 */
const WATCH_FOR_ROWS = `(() => {
  const marks = {};
  window.benchMarks = marks;
  // check() runs in the animation callback of the frame that paints what it finds.
  const painted = (key) => { marks[key] ??= performance.now(); };
  let rowSeen = false;
  let usableSeen = false;
  const check = () => {
    const row = document.querySelector('section[aria-labelledby="monitors-list-title"] tbody tr');
    if (!row || row.getBoundingClientRect().height === 0) return;
    if (!rowSeen) {
      rowSeen = true;
      marks.firstRowText = row.innerText.replace(/\\s+/g, ' ').slice(0, 160);
      painted('firstRow');
    }
    const form = document.querySelector('form[role="search"]');
    const controls = form ? [...form.querySelectorAll('input, select, button')] : [];
    const service = document.querySelector('#monitor-filter-service');
    if (!usableSeen && controls.length >= 5 && controls.every((c) => !c.disabled) && service && service.options.length > 1) {
      usableSeen = true;
      painted('usable');
      observer.disconnect();
    }
  };
  let frameAsked = false;
  const observer = new MutationObserver(() => {
    if (frameAsked) return;
    frameAsked = true;
    requestAnimationFrame(() => {
      frameAsked = false;
      check();
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

/**
 * `--renders`: a minimal React DevTools hook (React calls it in production builds too) that counts,
 * over the cold visit, React's commits and the monitors table's rows rendered: a row's <tr> gets new
 * props only when the row's component ran (as test/e2e/monitors-renders.test.ts counts them). Kept
 * out of the timed runs: walking the tree at each commit costs the page time of its own.
 */
const COUNT_ROW_RENDERS = `(() => {
  const last = new Map();
  const counts = { commits: 0, mounted: 0, again: 0 };
  window.benchRenders = counts;
  const rowsOf = (fiber, out) => {
    for (let f = fiber; f; f = f.sibling) {
      const el = f.stateNode;
      if (f.type === 'tr' && el instanceof HTMLElement && el.parentElement?.tagName === 'TBODY') out.set(el, f.memoizedProps);
      else if (f.child) rowsOf(f.child, out);
    }
    return out;
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, isDisabled: false, renderers: new Map(),
    inject(renderer) { this.renderers.set(1, renderer); return 1; },
    checkDCE() {}, onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      const rows = rowsOf(root.current, new Map());
      counts.commits++;
      for (const [el, props] of rows) {
        if (!last.has(el)) counts.mounted++;
        else if (last.get(el) !== props) counts.again++;
      }
      last.clear();
      for (const [el, props] of rows) last.set(el, props);
    },
  };
})();`;

/** The first screen's data requests (`monitorsFirstScreen`, asked by web/src/early.ts), by path without the query. */
const FIRST_SCREEN_DATA = ['/api/v1/monitors', '/api/v1/monitors/counts', '/api/v1/services', '/api/v1/tenants'];

interface Timed {
  path: string;
  start: number;
  end: number;
}

interface Visit {
  firstRowMs: number;
  usableMs: number;
  idleMs: number;
  requests: number;
  firstRow: string;
  /** The slowest requests: path and the ms from the navigation's start to their start and end. */
  slowest: Timed[];
  /** The first screen's data requests (the first of each path) and the session check, in the page's clock. */
  firstScreen: Timed[];
  session: Timed | null;
  /** Every request, the page's own first, in the order they started; ms from the navigation's start. */
  waterfall: { path: string; kind: string; start: number; firstByte: number; end: number; bytes: number }[];
}

/** Opens (or reloads) the monitors page and reads the marks once the network is idle (500 ms without requests). */
async function visit(page: Page, how: 'open' | 'reload'): Promise<Visit> {
  if (how === 'open') await page.goto('/monitors', { waitUntil: 'networkidle', timeout: 180_000 });
  else await page.reload({ waitUntil: 'networkidle', timeout: 180_000 });
  await page.waitForFunction(() => (window as unknown as { benchMarks: { usable?: number } }).benchMarks.usable !== undefined, null, { timeout: 60_000 });
  return page.evaluate((firstScreenPaths) => {
    const marks = (window as unknown as { benchMarks: { firstRow: number; usable: number; firstRowText: string } }).benchMarks;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const idle = Math.max(navigation.responseEnd, ...resources.map((r) => r.responseEnd));
    const slowest = resources
      .filter((r) => r.initiatorType === 'fetch' || r.initiatorType === 'xmlhttprequest')
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 5)
      .map((r) => ({ path: new URL(r.name).pathname + new URL(r.name).search, start: r.startTime, end: r.responseEnd }));
    const waterfall = [navigation, ...resources]
      .map((r) => ({ path: new URL(r.name).pathname + new URL(r.name).search, kind: r.initiatorType, start: r.startTime, firstByte: r.responseStart, end: r.responseEnd, bytes: r.encodedBodySize }))
      .sort((a, b) => a.start - b.start);
    // The first request of each path (no named helper here: the TypeScript loader would wrap it in one the page lacks).
    const [session, ...firstScreen] = ['/api/v1/session', ...firstScreenPaths]
      .map((pathname) => resources.find((e) => (e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest') && new URL(e.name).pathname === pathname))
      .map((r) => (r ? { path: new URL(r.name).pathname + new URL(r.name).search, start: r.startTime, end: r.responseEnd } : null));
    return { firstRowMs: marks.firstRow, usableMs: marks.usable, idleMs: idle, requests: resources.length + 1, firstRow: marks.firstRowText, slowest, waterfall, firstScreen: firstScreen.filter((r) => r !== null), session: session ?? null };
  }, FIRST_SCREEN_DATA);
}

/** When the first screen's data was asked (the first request) and answered (the last), and the longest request's own duration. */
function firstScreenData(v: Visit): { asked: number; answered: number; ownMs: number; longest: string } | null {
  if (v.firstScreen.length < FIRST_SCREEN_DATA.length) return null;
  const longest = v.firstScreen.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  return { asked: Math.min(...v.firstScreen.map((r) => r.start)), answered: Math.max(...v.firstScreen.map((r) => r.end)), ownMs: longest.end - longest.start, longest: longest.path.split('?')[0]! };
}

async function signIn(browser: Browser, url: string): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext({ baseURL: url, locale: 'lv-LV', timezoneId: 'Europe/Riga' });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-pasta adrese').fill(EMAIL);
    await page.getByLabel('Parole').fill(PASSWORD);
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor({ timeout: 60_000 });
    return await context.storageState();
  } finally {
    await context.close();
  }
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer([...benchServerFlags(), BIN, 'serve', '--port', '0'], serverEnv({ ...env, KOPA_PROBER: 'false', KOPA_JOBS: 'false' }), { timeoutMs: 600_000 });
}

const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
const slowest = (v: Visit) => v.slowest.map((r) => `      ${ms(r.start)} → ${ms(r.end)}  ${r.path.slice(0, 120)}`);
const waterfall = (v: Visit) =>
  v.waterfall.map((r) => `      ${ms(r.start)} → ${ms(r.firstByte)} → ${ms(r.end)}  ${r.kind.padEnd(10)} ${String(Math.round(r.bytes / 1024)).padStart(5)} kB  ${r.path.slice(0, 100)}`);
const line = (label: string, v: Visit) => {
  const data = firstScreenData(v);
  const session = v.session ? `session ${ms(v.session.start)} → ${ms(v.session.end)}` : 'session not asked';
  return (
    `    ${label.padEnd(12)} first row ${ms(v.firstRowMs)}  usable ${ms(v.usableMs)}  network idle ${ms(v.idleMs)}  (${v.requests} requests)   ` +
    `first row/${GOAL.firstRowMs} ms ${(v.firstRowMs / GOAL.firstRowMs).toFixed(2)} ×  usable/${GOAL.usableMs} ms ${(v.usableMs / GOAL.usableMs).toFixed(2)} ×\n` +
    `    ${''.padEnd(12)} first screen's data: asked ${data ? ms(data.asked) : '     –   '}  answered ${data ? ms(data.answered) : '     –   '}  ` +
    (data ? `own ${ms(data.ownMs)} (longest: ${data.longest})  own/${GOAL.firstRowMs} ms ${(data.ownMs / GOAL.firstRowMs).toFixed(2)} ×` : 'not all four asked') +
    `   ${session}`
  );
};

async function measure(label: string, env: Record<string, string>, browser: Browser, write: () => Promise<void>): Promise<void> {
  // The first start migrates; the operator is added and signs in; then the history goes in while the server is stopped.
  const bootstrap = randomBytes(24).toString('base64url');
  let server = await start({ ...env, KOPA_BOOTSTRAP_TOKEN: bootstrap });
  let session: Awaited<ReturnType<typeof signIn>>;
  try {
    const res = await fetch(`${server.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bootstrap}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, name: 'Bench Operators', role: 'operator', password: PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`adding the operator: ${res.status} ${await res.text()}`);
    session = await signIn(browser, server.url);
  } finally {
    await stopServer(server);
  }
  const t0 = performance.now();
  await write();
  console.log(`  ${label}: history written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (!FRESH_DAYS) {
    // The run a restarted installation had before its restart: its status start computation writes
    // the kept days (the status page's answer is given once that computation has committed).
    const t1 = performance.now();
    const startedAt = Date.now();
    server = await start(env);
    try {
      // Its own answer, not one an earlier server kept (ADR 0022, "The answer kept across a
      // restart"): that one is given at once while the computation runs, and a stop then would
      // leave the days unwritten.
      for (let generatedAt = 0; generatedAt < startedAt; await new Promise((resolve) => setTimeout(resolve, 100))) {
        const res = await fetch(`${server.url}/api/v1/status`);
        if (res.status !== 200) throw new Error(`the status page: ${res.status} ${await res.text()}`);
        generatedAt = Date.parse(((await res.json()) as { generatedAt: string }).generatedAt);
        if (performance.now() - t1 > 600_000) throw new Error('the status page gave no answer of its own in 10 minutes');
      }
    } finally {
      await stopServer(server);
    }
    console.log(`  ${label}: ran once (the status page's kept days written) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } else console.log(`  ${label}: --fresh-days: the restart finds no kept status days`);

  // The restart: nothing of the server is warm, nor the browser's cache (a fresh context with only the cookie).
  const spawnedAt = performance.now();
  server = await start(SERVER_LOG ? { ...env, LOG_LEVEL: 'debug' } : env);
  const bannerAt = performance.now() - spawnedAt;
  const context = await browser.newContext({ baseURL: server.url, locale: 'lv-LV', timezoneId: 'Europe/Riga', viewport: { width: 1280, height: 800 }, storageState: session });
  try {
    await context.addInitScript({ content: WATCH_FOR_ROWS });
    if (RENDERS) await context.addInitScript({ content: COUNT_ROW_RENDERS });
    const page = await context.newPage();
    console.log(`  ${label} — load average ${loadAverage()}`);
    const cdp = PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Performance.enable');
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const cpuBefore = await cpuNow(server, env.DATABASE_URL);
    const navigatedAt = performance.now() - spawnedAt;
    const cold = await visit(page, 'open');
    const cpuAfter = await cpuNow(server, env.DATABASE_URL);
    if (cdp) {
      // The page's clock read just before the profile stops aligns the profile's clock with it (to a few ms).
      const pageNow = await page.evaluate(() => performance.now());
      const { profile } = await cdp.send('Profiler.stop');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const dom = await page.evaluate(() => ({
        nodes: document.getElementsByTagName('*').length,
        rows: document.querySelectorAll('tbody tr').length,
        scripts: performance.getEntriesByType('resource').filter((r) => (r as PerformanceResourceTiming).initiatorType === 'script' || /\.js$/.test(r.name)).length,
        styleRules: [...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0),
      }));
      await cdp.detach();
      printProfile(profile, metrics, dom);
      printBusyTimeline(profile, pageNow, cold.firstRowMs);
    }
    if (new URL(page.url()).pathname !== '/monitors') throw new Error(`the monitors page was not shown: ${page.url()}`);
    console.log(`    first row: ${cold.firstRow}`);
    if (RENDERS) {
      // Counted to the network's idle: the sparklines' answer (after the first row) is in.
      const r = await page.evaluate(() => (window as unknown as { benchRenders: { commits: number; mounted: number; again: number } }).benchRenders);
      console.log(`    ${''.padEnd(12)} React, cold: ${r.commits} commits; table rows mounted ${r.mounted}, rendered again ${r.again}`);
    }
    console.log(line('cold', cold));
    if (SERVER_LOG) printServerLog(server.output(), await page.evaluate(() => performance.timeOrigin), cold.idleMs);
    // Counted from the process's start too: work the server does before its banner is not hidden.
    console.log(
      `    ${''.padEnd(12)} from the process's start: banner ${ms(bannerAt)}, navigation ${ms(navigatedAt)}, first row ${ms(navigatedAt + cold.firstRowMs)}, usable ${ms(navigatedAt + cold.usableMs)}`,
    );
    // CPU from /proc, the navigation to the network's idle (+ 500 ms quiet): what the load changes little.
    const used = (k: string) => `${(((cpuAfter[k] ?? 0) - (cpuBefore[k] ?? 0)) * 1000).toFixed(0)} ms`;
    const types = Object.keys(cpuAfter).filter((k) => k.startsWith('  ')).map((k) => `${k.trim()} ${used(k)}`);
    console.log(`    ${''.padEnd(12)} CPU of the cold visit: browser ${used('browser')} (${types.join(', ')}), server ${used('server')}${env.DATABASE_URL ? `, its PostgreSQL backends ${used('backends')}` : ''}`);
    let warm = cold;
    for (let i = 1; i <= RELOADS; i++) console.log(line(`warm ${i}`, (warm = await visit(page, 'reload'))));
    let renewed: Visit | null = null;
    if (NEW_BACKENDS && env.DATABASE_URL) {
      console.log(`    the server's database connections ended: ${await endConnections(env.DATABASE_URL)}`);
      console.log(line('new backends', (renewed = await visit(page, 'reload'))));
    }
    console.log('    the slowest API requests, cold:');
    for (const text of slowest(cold)) console.log(text);
    console.log(`    the slowest API requests, warm ${RELOADS}:`);
    for (const text of slowest(warm)) console.log(text);
    if (WATERFALL) {
      console.log('    every request, cold (start → first byte → end, kind, body size):');
      for (const text of waterfall(cold)) console.log(text);
      console.log(`    every request, warm ${RELOADS}:`);
      for (const text of waterfall(warm)) console.log(text);
      if (renewed) {
        console.log('    every request, warm server with new backends:');
        for (const text of waterfall(renewed)) console.log(text);
      }
      console.log(`    marks, cold: first row ${ms(cold.firstRowMs)}, usable ${ms(cold.usableMs)}`);
    }
    console.log(`    load average after: ${loadAverage()}`);
  } finally {
    await context.close();
    await stopServer(server);
  }
}

/**
 * `--server-log`: the server's log lines of the cold visit in the page's clock (the page's time origin and
 * the log's `time` are both the machine's wall clock): the requests it took, from their arrival at the
 * server (Fastify's "incoming request", after whatever held its one thread) to their answer, and the
 * status start computation's own lines.
 */
function printServerLog(output: string, pageOrigin: number, idleMs: number): void {
  const requests = new Map<string, { url: string; at: number; answered: number | null }>();
  const status: string[] = [];
  for (const text of output.split('\n')) {
    if (!text.startsWith('{')) continue;
    let entry: { time: number; msg: string; reqId?: string; req?: { url: string } };
    try {
      entry = JSON.parse(text) as typeof entry;
    } catch {
      continue;
    }
    const at = entry.time - pageOrigin;
    if (at < -5000 || at > idleMs + 1000) continue;
    if (entry.msg === 'incoming request' && entry.reqId && entry.req) requests.set(entry.reqId, { url: entry.req.url, at, answered: null });
    else if (entry.msg === 'request completed' && entry.reqId && requests.has(entry.reqId)) requests.get(entry.reqId)!.answered = at;
    else if (/status/i.test(entry.msg)) status.push(`      ${ms(at)}  ${entry.msg}`);
  }
  console.log(`    ${''.padEnd(12)} the server's log, cold (ms in the page's clock): the status start computation`);
  for (const text of status) console.log(text);
  console.log(`    ${''.padEnd(12)} requests as the server took them: arrived → answered`);
  for (const r of [...requests.values()].sort((a, b) => a.at - b.at)) console.log(`      ${ms(r.at)} → ${r.answered === null ? '      –   ' : ms(r.answered)}  ${r.url.slice(0, 100)}`);
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/**
 * When the renderer's main thread was busy, in 100 ms steps of the page's clock up to the first row:
 * which work (scripts' evaluation, React's renders, layout) stands between the data's arrival and
 * the row on screen. Each step gives its busy time and the scripts (or native work) that took most.
 */
function printBusyTimeline(profile: CpuProfile, pageNowAtStop: number, firstRowMs: number): void {
  const STEP = 100;
  const offsetMs = profile.endTime / 1000 - pageNowAtStop;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const steps = new Map<number, Map<string, number>>();
  let at = profile.startTime;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    const f = nodes.get(samples[i]!);
    const self = (deltas[i] ?? 0) / 1000;
    if (!f || f.functionName === '(idle)' || self === 0) continue;
    const pageMs = at / 1000 - offsetMs;
    if (pageMs > firstRowMs + STEP) break;
    const step = Math.floor(pageMs / STEP) * STEP;
    const where = f.url ? new URL(f.url, 'http://x/').pathname.replace('/assets/', '') : f.functionName.startsWith('(') ? f.functionName : '(native)';
    const kinds = steps.get(step) ?? new Map<string, number>();
    kinds.set(where, (kinds.get(where) ?? 0) + self);
    steps.set(step, kinds);
  }
  console.log(`    ${''.padEnd(12)} the renderer's main thread busy (sampled), by ${STEP} ms of the page's clock up to the first row (${firstRowMs.toFixed(0)} ms):`);
  for (const [step, kinds] of [...steps].sort((a, b) => a[0] - b[0])) {
    const busy = [...kinds.values()].reduce((a, b) => a + b, 0);
    const most = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    console.log(`      ${ms(step)} +${STEP}: busy ${busy.toFixed(0).padStart(3)} ms  (${most})`);
  }
}

/** The cold visit's renderer: its main thread's time by kind, the DOM, and the sampled JavaScript's self time by script and by function. */
function printProfile(profile: CpuProfile, metrics: { name: string; value: number }[], dom: { nodes: number; rows: number; scripts: number; styleRules: number }): void {
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const sec = (name: string) => `${(metric(name) * 1000).toFixed(0)} ms`;
  console.log(
    `    ${''.padEnd(12)} renderer's main thread, cold: tasks ${sec('TaskDuration')}, scripts ${sec('ScriptDuration')}, style ${sec('RecalcStyleDuration')} (${metric('RecalcStyleCount')}×), ` +
      `layout ${sec('LayoutDuration')} (${metric('LayoutCount')}×); DOM ${dom.nodes} elements, ${dom.rows} table rows, ${dom.scripts} scripts, ${dom.styleRules} CSS rules; JS heap ${(metric('JSHeapUsedSize') / 1e6).toFixed(1)} MB`,
  );
  // Self time of each sampled node: the delta before a sample is the time spent where the sample landed.
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 1; i < samples.length; i++) byNode.set(samples[i]!, (byNode.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const self = byNode.get(node.id) ?? 0;
    if (self === 0) continue;
    const f = node.callFrame;
    const script = f.url ? new URL(f.url, 'http://x/').pathname : f.functionName.startsWith('(') ? f.functionName : '(no script: native/V8)';
    if (f.functionName !== '(idle)') total += self;
    byScript.set(script, (byScript.get(script) ?? 0) + self);
    const name = `${f.functionName || '(anonymous)'} ${script}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + self);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`    ${''.padEnd(12)} sampled JavaScript profile, cold: ${total.toFixed(0)} ms busy (idle excluded); self time by script:`);
  for (const [k, v] of top(byScript, 14)) console.log(`      ${ms(v)}  ${k}`);
  console.log('    self time by function:');
  for (const [k, v] of top(byFunction, 20)) console.log(`      ${ms(v)}  ${k.slice(0, 140)}`);
}

/**
 * CPU seconds used so far by the browser (every process below this one that is not the server's),
 * the server, and the server's PostgreSQL backends. A process that ended meanwhile is not counted.
 */
async function cpuNow(server: ServerProcess, databaseUrl: string | undefined): Promise<Record<string, number>> {
  const serverTree = new Set(processTree(server.child.pid!));
  const sum = (pids: Iterable<number>) => [...pids].reduce((total, pid) => total + cpuSeconds(pid), 0);
  const backends = databaseUrl ? await backendsOf(databaseUrl, process.env.BENCH_DATABASE_URL!) : [];
  const browser = processTree(process.pid).filter((pid) => pid !== process.pid && !serverTree.has(pid));
  // Chromium's processes by their --type (renderer, gpu-process, utility, zygote; none: the browser process).
  const byType: Record<string, number> = {};
  for (const pid of browser) {
    let type = 'other';
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/); // Chromium rewrites its children's titles with spaces
      if (/chrom/i.test(args[0] ?? '')) type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length) ?? 'browser process';
    } catch {
      continue;
    }
    byType[`  ${type}`] = (byType[`  ${type}`] ?? 0) + cpuSeconds(pid);
  }
  return { browser: sum(browser), ...byType, server: sum(serverTree), backends: sum(backends) };
}

/** Ends every other connection to the server's database; the pool drops them and opens new ones. */
async function endConnections(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ended = await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    return ended.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  if (!TREE && !compiledIsCurrent()) throw new Error('dist/ is missing or older than src/: run `npm run build` (npm run bench:dashboard does)');
  process.env.BENCH_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(
    `Monitors page in Chromium — ${machineContext()}; ${MONITORS} monitors in ${SERVICES} services, a year of rolled-up history, ${RAW_HOURS} h of raw results every 60 s; ` +
      `goals: first screen's data < ${GOAL.firstRowMs} ms, usable < ${GOAL.usableMs} ms, cold after a restart` +
      `${FRESH_DAYS ? ' (--fresh-days: no kept status days)' : ' (of a server that ran: kept status days)'}; server ${BIN}`,
  );
  const chromium = await launchBrowser();
  try {
    if (ONLY !== 'pglite') {
      const database = await benchDatabase('kopa-dashboard-', { requirePostgres: true });
      try {
        await measure(`Kopa, ${database.label}`, { DATABASE_URL: database.url!, KOPA_SECRET_KEY: randomBytes(32).toString('base64') }, chromium.browser, () => onPostgres(database.url!, history));
      } finally {
        await database.drop();
      }
    }
    if (ONLY !== 'postgres') {
      const dataDir = mkdtempSync(join(tmpdir(), 'kopa-dashboard-pglite-'));
      try {
        await measure('Kopa, PGlite (embedded)', { KOPA_DATA_DIR: dataDir }, chromium.browser, () => onPGlite(dataDir, history));
      } finally {
        if (process.env.BENCH_KEEP_DATABASE) console.log(`data folder kept for inspection: ${dataDir}`);
        else rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await chromium.close();
  }
}

await main();
