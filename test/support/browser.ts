/**
 * A real headless browser for tests: Debian's chromium, driven by puppeteer-core in a child process
 * (browser-driver.mjs; puppeteer-core is ESM-only and Jest runs CommonJS). Nothing is downloaded: when
 * chromium is not installed, `findChromium()` returns undefined and the test skips, saying why.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const CANDIDATES = [process.env.LBKIT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string | undefined {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p));
}

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

export class Browser {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly version: string,
  ) {}

  static launch(executablePath: string): Promise<Browser> {
    const child = spawn(process.execPath, [join(__dirname, 'browser-driver.mjs'), executablePath], { stdio: 'pipe' });
    return new Promise((resolve, reject) => {
      let browser: Browser | undefined;
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
        if (browser) browser.stderr += d;
      });
      child.on('exit', (code) => {
        if (!browser) reject(new Error(`the browser driver exited with ${code}: ${stderr}`));
        else for (const w of browser.waiting.values()) w({ id: 0, ok: false, error: `the browser driver exited with ${code}: ${browser.stderr}` });
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        const reply = JSON.parse(line) as Reply;
        if (reply.id === 0) {
          browser = new Browser(child, String(reply.value));
          resolve(browser);
          return;
        }
        browser?.waiting.get(reply.id)?.(reply);
        browser?.waiting.delete(reply.id);
      });
    });
  }

  private call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (reply) => (reply.ok ? resolve(reply.value as T) : reject(new Error(`${op}: ${reply.error}`))));
      this.child.stdin.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  viewport(width: number, height: number): Promise<void> {
    return this.call('viewport', { width, height });
  }

  /** Opens a page; resolves with its HTTP status. */
  goto(url: string): Promise<number> {
    return this.call('goto', { url });
  }

  waitFor(selector: string, timeoutMs = 10_000): Promise<void> {
    return this.call('waitFor', { selector, timeoutMs });
  }

  texts(selector: string): Promise<string[]> {
    return this.call('texts', { selector });
  }

  attrs(selector: string, name: string): Promise<Array<string | null>> {
    return this.call('attrs', { selector, name });
  }

  screenshot(path: string): Promise<void> {
    return this.call('screenshot', { path });
  }

  /** Uncaught page errors and failed requests so far. */
  errors(): Promise<string[]> {
    return this.call('errors');
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.write(`${JSON.stringify({ id: this.nextId++, op: 'close' })}\n`);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
