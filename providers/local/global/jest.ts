/**
 * Jest helper for the global emulation, like useLocalLoadBalancer (providers/local/jest.ts): starts a
 * LocalGlobal before the tests of the file (or describe) and stops it after them.
 *
 *   const members = useBackends(['us-1', 'eu-1']);
 *   const global = useLocalGlobal('global.yaml', () => ({ bindings: { 'us-east': { web: [members()[0].address] }, ... } }));
 *   test('...', async () => { const client = global().client('us-east-client'); ... });
 */
import type { GlobalModel } from '../../../lib/model/global-types';
import { LocalGlobal, type LocalGlobalOptions } from './local-global';

type Hook = (fn: () => unknown, timeout?: number) => void;

export function useLocalGlobal(
  spec: GlobalModel | string | (() => GlobalModel | string),
  options: LocalGlobalOptions | (() => LocalGlobalOptions | Promise<LocalGlobalOptions>),
): () => LocalGlobal {
  const g = globalThis as { beforeAll?: Hook; afterAll?: Hook };
  if (!g.beforeAll || !g.afterAll) throw new Error('useLocalGlobal registers jest hooks: call it inside a test file (describe or top level)');
  let global: LocalGlobal | undefined;
  g.beforeAll(async () => {
    global = await LocalGlobal.start(typeof spec === 'function' ? spec() : spec, typeof options === 'function' ? await options() : options);
  });
  g.afterAll(async () => {
    await global?.stop();
  });
  return () => {
    if (!global) throw new Error('the local global emulation is not started yet: use it inside a test, not at describe time');
    return global;
  };
}
