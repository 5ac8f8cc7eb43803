/**
 * Jest helpers: start things in beforeAll, stop them in afterAll, hand them to tests through a getter.
 *
 *   const backends = useBackends(['web-1', 'web-2']);
 *   const lb = useLocalLoadBalancer('lb.yaml', () => ({ bindings: { web: backends().map((b) => b.address) } }));
 *   test('...', async () => { const res = await request(`${lb().url('https')}/`); ... });
 */
import type { LocalStartOptions } from './options';
import { LocalLoadBalancer, type SpecSource } from './load-balancer';
import { startBackends, type BackendOptions, type TestBackend } from './testing/backend';

type Hook = (fn: () => unknown, timeout?: number) => void;

function hooks(): { beforeAll: Hook; afterAll: Hook } {
  const g = globalThis as { beforeAll?: Hook; afterAll?: Hook };
  if (!g.beforeAll || !g.afterAll)
    throw new Error('useLocalLoadBalancer and useBackends register jest hooks: call them inside a test file (describe or top level)');
  return { beforeAll: g.beforeAll, afterAll: g.afterAll };
}

function getter<T>(what: string, get: () => T | undefined): () => T {
  return () => {
    const value = get();
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test, not at describe time`);
    return value;
  };
}

/** Starts a LocalLoadBalancer before the tests of the file (or describe) and stops it after them. */
export function useLocalLoadBalancer(
  spec: SpecSource | (() => SpecSource),
  options: LocalStartOptions | (() => LocalStartOptions | Promise<LocalStartOptions>),
): () => LocalLoadBalancer {
  const { beforeAll, afterAll } = hooks();
  let lb: LocalLoadBalancer | undefined;
  beforeAll(async () => {
    const resolvedSpec = typeof spec === 'function' ? spec() : spec;
    lb = await LocalLoadBalancer.start(resolvedSpec, typeof options === 'function' ? await options() : options);
  });
  afterAll(async () => {
    await lb?.stop({ graceMs: 0 });
  });
  return getter('the local load balancer', () => lb);
}

/** Starts test backends (testing/backend.ts) before the tests and closes them after. */
export function useBackends(names: readonly string[], options: BackendOptions = {}): () => TestBackend[] {
  const { beforeAll, afterAll } = hooks();
  let backends: TestBackend[] | undefined;
  beforeAll(async () => {
    backends = await startBackends(names, options);
  });
  afterAll(async () => {
    await Promise.all((backends ?? []).map((b) => b.close()));
  });
  return getter('the backends', () => backends);
}
