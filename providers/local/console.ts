/** Terminal output shared by `lbkit emulate` and its demo. */
import type { LocalEvent } from './events';
import type { LocalLoadBalancer } from './load-balancer';

/** Where the console writes: standard output and standard error, or a test's buffers. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export function describeEvent(e: LocalEvent): string {
  switch (e.type) {
    case 'member-unhealthy':
      return `✗ ${e.pool}/${e.member} unhealthy after ${e.probes} failed probe${e.probes === 1 ? '' : 's'}${e.detail ? ` (${e.detail})` : ''}`;
    case 'member-healthy':
      return `✓ ${e.pool}/${e.member} healthy again after ${e.probes} successful probe${e.probes === 1 ? '' : 's'}`;
    case 'member-ejected':
      return `✗ ${e.pool}/${e.member} ejected after ${e.failures} consecutive failures, until ${new Date(e.until).toISOString()}`;
    case 'member-restored':
      return `✓ ${e.pool}/${e.member} back from ejection`;
    case 'member-draining':
      return `… ${e.pool}/${e.member} draining`;
    case 'member-drained':
      return `… ${e.pool}/${e.member} drained${e.cut ? ` (${e.cut} connections cut)` : ''}`;
    case 'member-undrained':
      return `✓ ${e.pool}/${e.member} back in service`;
    case 'bad-request':
      return `! ${e.frontend}: refused bad input (${e.reason}, ${e.status})`;
    case 'internal-error':
      return `!! ${e.frontend}: internal error (please report): ${e.message}`;
    case 'alarm':
      return e.state === 'alarm'
        ? `✗ alarm ${e.alarm} firing: ${e.metric} ${e.value ?? 'no data'} against threshold ${e.threshold}${e.notify ? ` (notify ${e.notify})` : ''}`
        : `✓ alarm ${e.alarm} back to ok (${e.metric} ${e.value ?? 'no data'})`;
  }
}

/** Waits for Ctrl-C (SIGINT/SIGTERM), or `seconds` when given. */
export function untilStopped(seconds: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      if (timer) clearTimeout(timer);
      resolve();
    };
    const timer = seconds !== undefined ? setTimeout(done, seconds * 1000) : undefined;
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/** Prints where each frontend and the admin server listen. */
export function printListeners(lb: LocalLoadBalancer, io: Output): void {
  for (const f of lb.model.frontends) {
    const a = lb.address(f.name);
    const where = f.layer === 'l7' ? lb.url(f.name) : `${f.protocol}://${a.host}:${a.port}`;
    const note = f.redirectHttpToHttps ? 'redirects to https' : f.rules.length ? `${f.rules.length} rule${f.rules.length === 1 ? '' : 's'}` : '';
    io.out(`  ${f.name.padEnd(12)} ${where.padEnd(30)} spec port ${String(f.port).padEnd(6)} ${note}`.trimEnd());
  }
  if (lb.adminUrl) {
    io.out(`  ${'admin'.padEnd(12)} ${`${lb.adminUrl}/metrics`}  ${lb.adminUrl}/status`);
    io.out(`  ${'dashboard'.padEnd(12)} ${lb.adminUrl}/dashboard`);
  }
}
