/**
 * The admin server's live dashboard: its files (uPlot from the installed package), its server-sent event
 * stream, and the page itself in a real headless Chromium (skipped, saying so, when chromium is absent).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request, startBackend, type LocalLoadBalancer, type TestBackend } from '../../providers/local';
import { findExampleSpec } from '../../providers/local/demo';
import { Browser, findChromium } from '../support/browser';
import { httpSpec, sleep, startLb } from './support';

/** Reads an event stream until `count` messages have come; returns them as { event, data }. */
function readEvents(url: string, count: number, timeoutMs = 5000): Promise<Array<{ event: string; data: any }>> {
  return new Promise((resolve, reject) => {
    const out: Array<{ event: string; data: any }> = [];
    const req = get(url, (res) => {
      expect(res.headers['content-type']).toBe('text/event-stream');
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) out.push({ event, data: JSON.parse(data) });
          if (out.length === count) {
            clearTimeout(timer);
            req.destroy();
            resolve(out);
            return;
          }
        }
      });
    });
    req.on('error', () => undefined);
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`only ${out.length} of ${count} messages within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

describe('dashboard files and event stream', () => {
  let lb: LocalLoadBalancer;
  let app: TestBackend;

  beforeAll(async () => {
    app = await startBackend('app');
    lb = await startLb(httpSpec(), { bindings: { app: [app.address] }, admin: 0 });
  });
  afterAll(async () => {
    await lb.stop({ graceMs: 0 });
    await app.close();
  });

  test('the page, its script and style, and uPlot from the installed package', async () => {
    const page = await request(`${lb.adminUrl}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script src="/dashboard/uplot.js"></script>');
    expect(page.body).not.toMatch(/https?:\/\//); // nothing from the network
    const uplot = await request(`${lb.adminUrl}/dashboard/uplot.js`);
    expect(uplot.status).toBe(200);
    expect(uplot.body).toBe(readFileSync(join(dirname(require.resolve('uplot/package.json')), 'dist', 'uPlot.iife.min.js'), 'utf8'));
    expect((await request(`${lb.adminUrl}/dashboard/uplot.css`)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await request(`${lb.adminUrl}/dashboard/dashboard.js`)).body).toContain("new EventSource('/dashboard/events')");
    expect((await request(`${lb.adminUrl}/dashboard/nope.js`)).status).toBe(404);
    expect((await request(`${lb.adminUrl}/`)).body).toContain('GET /dashboard');
  });

  test('the stream starts with the history, then a sample a second and every event as it happens', async () => {
    await request(`${lb.url('web')}/`);
    const messages = readEvents(`${lb.adminUrl}/dashboard/events`, 3);
    await sleep(100);
    void lb.drain('app', app.address);
    const [hello, ...rest] = await messages;
    expect(hello.event).toBe('hello');
    expect(hello.data.intervalMs).toBe(1000);
    expect(hello.data.samples.length).toBeGreaterThanOrEqual(1);
    expect(hello.data.samples.at(-1).status.pools[0]).toMatchObject({ name: 'app', members: [{ address: app.address }] });
    const event = rest.find((m) => m.event === 'event');
    expect(event?.data.event).toMatchObject({ t: expect.any(Number), event: { type: 'member-draining', pool: 'app', member: app.address } });
    const sample = rest.find((m) => m.event === 'sample') ?? (await readEvents(`${lb.adminUrl}/dashboard/events`, 2)).find((m) => m.event === 'sample');
    expect(sample?.data.sample.status.frontends[0].responses['2xx']).toBe(1);
    lb.undrain('app', app.address);
  });
});

const chromium = findChromium();
if (!chromium) {
  console.warn('dashboard browser test skipped: no chromium at /usr/bin/chromium (Debian: apt-get install chromium; or set LBKIT_CHROMIUM)');
}

/** Demo members for examples/specs/web.yaml, as `npm start` runs it. */
const MEMBERS: Record<string, readonly string[]> = {
  web: ['web-1', 'web-2', 'web-3'],
  'web-canary': ['canary-1'],
  api: ['api-1', 'api-2'],
  static: ['static-1'],
};

(chromium ? describe : describe.skip)(`dashboard in headless Chromium${chromium ? '' : ' (skipped: chromium not installed)'}`, () => {
  jest.setTimeout(60_000);
  let lb: LocalLoadBalancer;
  let browser: Browser;
  const backends = new Map<string, TestBackend>();

  beforeAll(async () => {
    for (const names of Object.values(MEMBERS)) for (const n of names) backends.set(n, await startBackend(n));
    lb = await startLb(findExampleSpec()!, {
      bindings: Object.fromEntries(Object.entries(MEMBERS).map(([pool, names]) => [pool, names.map((n) => backends.get(n)!.address)])),
      timeScale: 0.1, // web's probes every 1 s, unhealthy after 3 failures
      healthChecks: true,
      admin: 0,
    });
    browser = await Browser.launch(chromium!);
    await browser.viewport(1400, 1000);
  });
  afterAll(async () => {
    await browser?.close();
    await lb?.stop({ graceMs: 0 });
    await Promise.all([...backends.values()].map((b) => b.close()));
  });

  test('shows every pool, and a member killed during the test turns unhealthy on the page', async () => {
    // Bounded background traffic (well under the spec's 600 per minute per client), so the charts have lines.
    let sending = true;
    const https = lb.url('https');
    const traffic = (async () => {
      for (let i = 0; sending && i < 300; i++) {
        const path = ['/', '/', '/', '/static/app.css', '/home.html'][i % 5];
        await request(`${https}${path}`, { headers: i % 7 === 0 ? { host: 'api.example.com' } : {} }).catch(() => undefined);
        if (i % 7 === 0) await request(`${https}/v1/orders`, { headers: { host: 'api.example.com' } }).catch(() => undefined);
        await sleep(40);
      }
    })();
    try {
      expect(await browser.goto(`${lb.adminUrl}/dashboard`)).toBe(200);
      await browser.waitFor('[data-pool] tr[data-member]');
      expect(await browser.attrs('[data-pool]', 'data-pool')).toEqual(['web', 'web-canary', 'api', 'static']);
      expect(await browser.texts('#frontends tbody tr td:first-child')).toEqual(['https', 'http']);
      const victim = backends.get('web-2')!.address;
      const row = (health: string) => `[data-pool="web"] tr[data-member="${victim}"][data-health="${health}"]`;
      await browser.waitFor(row('healthy'));
      await sleep(3000); // a few seconds of traffic on the charts before the failure

      await backends.get('web-2')!.kill();
      await browser.waitFor(row('unhealthy'), 15_000);
      await browser.waitFor('#events li[data-type="member-unhealthy"]', 5000);
      expect((await browser.texts('#events li[data-type="member-unhealthy"]'))[0]).toContain(`web/${victim} unhealthy`);
      expect(await browser.attrs(`[data-pool="web"] tr[data-member]`, 'data-health')).toEqual(['healthy', 'unhealthy', 'healthy']);
      expect(await browser.attrs('#charts .uplot', 'class')).toHaveLength(4); // uPlot drew all four charts
      expect(await browser.texts('#connection')).toEqual(['live']);

      // LBKIT_SCREENSHOT=1 refreshes the README's picture; otherwise it goes to the temp folder.
      const shot = process.env.LBKIT_SCREENSHOT
        ? join(__dirname, '..', '..', 'docs', 'images', 'dashboard.png')
        : join(tmpdir(), `lbkit-dashboard-${process.pid}.png`);
      mkdirSync(dirname(shot), { recursive: true });
      await browser.screenshot(shot);
      expect(readFileSync(shot).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(await browser.errors()).toEqual([]);
    } finally {
      sending = false;
      await traffic;
    }
  });
});
