/** The dashboard's Alarms panel in a real headless Chromium: an alarm the proxy evaluates turns to firing on the page. */
import { startBackend, type LocalLoadBalancer } from '../../providers/local';
import { Browser, findChromium } from '../support/browser';
import { httpSpec, startLb } from './support';

const chromium = findChromium();

(chromium ? describe : describe.skip)(`dashboard alarms in headless Chromium${chromium ? '' : ' (skipped: chromium not installed)'}`, () => {
  jest.setTimeout(60_000);
  let lb: LocalLoadBalancer;
  let browser: Browser;

  beforeAll(async () => {
    // The only member listens nowhere: its probes fail, so the pool has no healthy member.
    const gone = await startBackend('gone');
    const address = gone.address;
    await gone.close();
    lb = await startLb(
      httpSpec({}, { alarms: [{ name: 'no-healthy', metric: 'healthy-members', pool: 'app', threshold: 1, evaluationPeriods: 1, notify: 'pager' }] }),
      {
        bindings: { app: [address] },
        timeScale: 0.02,
        healthChecks: true,
        admin: 0,
      },
    );
    browser = await Browser.launch(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
    await lb?.stop({ graceMs: 0 });
  });

  test('the Alarms panel lists the alarm, which turns to firing, and the event shows', async () => {
    expect(await browser.goto(`${lb.adminUrl}/dashboard`)).toBe(200);
    await browser.waitFor('#alarms li[data-alarm="no-healthy"]');
    await browser.waitFor('#alarms li[data-alarm="no-healthy"][data-state="alarm"]', 15_000);
    expect((await browser.texts('#alarms li[data-alarm="no-healthy"]'))[0]).toContain('healthy-members of app < 1');
    await browser.waitFor('#events li[data-type="alarm"]', 5000);
    expect((await browser.texts('#events li[data-type="alarm"]'))[0]).toContain('alarm no-healthy firing');
    expect(await browser.errors()).toEqual([]);
  });
});
