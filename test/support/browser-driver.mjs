// A headless Chromium driven by puppeteer-core, in its own process: puppeteer-core is an ES module, which
// Jest's CommonJS runtime cannot load, so tests talk to this script instead (test/support/browser.ts).
// Protocol: one JSON command per stdin line, { id, op, ...args }; one JSON reply per stdout line,
// { id, ok: true, value } or { id, ok: false, error }. It never downloads a browser: the executable is given.
import { createInterface } from 'node:readline';
import puppeteer from 'puppeteer-core';

const executablePath = process.argv[2];
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e && e.message ? e.message : e)));
page.on('requestfailed', (r) => {
  // The event stream is cut when the test stops the load balancer; anything else failing is a real error.
  if (!r.url().endsWith('/dashboard/events')) pageErrors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
});

const ops = {
  async viewport({ width, height }) {
    await page.setViewport({ width, height });
  },
  async goto({ url }) {
    const res = await page.goto(url, { waitUntil: 'load' });
    return res ? res.status() : 0;
  },
  async waitFor({ selector, timeoutMs }) {
    await page.waitForSelector(selector, { timeout: timeoutMs });
  },
  async texts({ selector }) {
    return page.$$eval(selector, (els) => els.map((e) => e.textContent.trim()));
  },
  async attrs({ selector, name }) {
    return page.$$eval(selector, (els, n) => els.map((e) => e.getAttribute(n)), name);
  },
  async screenshot({ path }) {
    await page.screenshot({ path, fullPage: true });
  },
  async errors() {
    return pageErrors;
  },
  async close() {
    await browser.close();
    process.exit(0);
  },
};

process.stdout.write(`${JSON.stringify({ id: 0, ok: true, value: await browser.version() })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { id, op, ...args } = JSON.parse(line);
  try {
    if (!ops[op]) throw new Error(`unknown op ${op}`);
    const value = await ops[op](args);
    process.stdout.write(`${JSON.stringify({ id, ok: true, value: value ?? null })}\n`);
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ id, ok: false, error: String(e && e.message ? e.message : e) })}\n`);
  }
}
await browser.close();
