/** Commands contributed by backends. Each loads its module only when its command runs. */
import type { CommandPlugin } from './main';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `lbkit emulate`: the local reference proxy (providers/local). */
const emulate: CommandPlugin = (program, io) => {
  program
    .command('emulate')
    .description('Run a spec as a real load balancer on this machine (the reference semantics), or --demo.')
    .argument('[spec]', 'spec file (.yaml, .yml, .json)')
    .option('-b, --bind <pool=addr,...>', "a pool's members, e.g. web=127.0.0.1:3001,127.0.0.1:3002*3 (*3: weight 3); repeatable", collect)
    .option('-l, --listen <frontend=port>', 'where a frontend listens (port or host:port; default: a free port); repeatable', collect)
    .option('--host <address>', 'address frontends listen on', '127.0.0.1')
    .option('--admin <port>', 'serve /metrics and /status on this port of 127.0.0.1, whatever --host says (or host:port)')
    .option('--access-log <file>', "write one JSON access-log line per request to a file ('-': stdout)")
    .option('--time-scale <factor>', 'multiply every spec duration (0.1: ten times faster)')
    .option('--duration <seconds>', 'stop after this long (default: until Ctrl-C)')
    .option('--demo', 'start demo members for examples/specs/web.yaml and show spread, failure and recovery')
    .action(async (spec: string | undefined, options: Record<string, unknown>) => {
      // require, not import(): loaded only now, and the same under tsc's CommonJS output, tsx and jest.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { emulateCommand } = require('./emulate') as typeof import('./emulate');
      process.exitCode = await emulateCommand(spec, options, io);
    });
};

export const PLUGINS: readonly CommandPlugin[] = [emulate];
