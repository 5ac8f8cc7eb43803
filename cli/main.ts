/** The `lbkit` command line. Every command has --help; expected failures print a message, never a stack trace. */
import { Command } from 'commander';
import { TARGETS } from '../providers';
import { planCommand, schemaCommand, validateCommand, type Output } from './commands';
import { isGlobalSpecFile } from './global-file';
import { planGlobalCommand } from './plan-global';
import { validateGlobalCommand } from './validate-global';

const stdio: Output = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** Extra commands (the local proxy's `emulate`) register here, so this file does not import them eagerly. */
export type CommandPlugin = (program: Command, io: Output) => void;

export function buildProgram(io: Output = stdio, plugins: readonly CommandPlugin[] = []): Command {
  const program = new Command('lbkit')
    .description('One load balancer spec for AWS, Azure, GCP and a local reference proxy.')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('validate')
    .description('Validate spec files; print every problem with its path, line and fix (exit 1 when any is invalid).')
    .argument('<files...>', 'spec files (.yaml, .yml, .json)')
    .action((files: string[]) => {
      // Global specs (kind: global) are validated with their regions' LoadBalancer specs (cli/validate-global.ts).
      const global = files.filter(isGlobalSpecFile);
      const local = files.filter((f) => !global.includes(f));
      const codes = [local.length ? validateCommand(local, io) : 0, global.length ? validateGlobalCommand(global, io) : 0];
      process.exitCode = Math.max(...codes);
    });
  program
    .command('plan')
    .description('Show what a target would get for a spec: its resources and the capability report.')
    .argument('<file>', 'spec file')
    .requiredOption('-t, --target <target>', `a target (${TARGETS.join(', ')}) or 'all' for the capability matrix`)
    .action((file: string, options: { target: string }) => {
      // A global spec (kind: global) has targets of its own (cli/plan-global.ts).
      process.exitCode = isGlobalSpecFile(file) ? planGlobalCommand(file, options.target, io) : planCommand(file, options, io);
    });
  program
    .command('schema')
    .description('Print the JSON Schema of spec files (for `# yaml-language-server: $schema=` lines and editors).')
    .option('-o, --out <file>', 'write it to a file instead of printing it')
    .action((options: { out?: string }) => { process.exitCode = schemaCommand(options, io); });
  for (const plugin of plugins) plugin(program, io);
  return program;
}

export async function main(argv: readonly string[], plugins: readonly CommandPlugin[] = []): Promise<void> {
  const program = buildProgram(stdio, plugins);
  try {
    await program.parseAsync(argv as string[]);
  } catch (e) {
    const code = (e as { exitCode?: number; code?: string }).exitCode;
    if (typeof code === 'number') {
      // commander already printed help or the usage error.
      process.exitCode = (e as { code?: string }).code === 'commander.helpDisplayed' || (e as { code?: string }).code === 'commander.version' ? 0 : code;
      return;
    }
    process.stderr.write(`lbkit: unexpected error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  }
}
