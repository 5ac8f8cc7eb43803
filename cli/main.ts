/** The `lbkit` command line. Every command has --help; expected failures print a message, never a stack trace. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { TARGETS } from '../providers';
import { schemaCommand, validateCommand, type Output } from './commands';
import { planCommand, type PlanOptions } from './plan';

/** lbkit's version, from the package.json above this file (cli/ in the sources, dist/cli/ when built). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'lbkit' && pkg.version) return pkg.version;
    }
  }
  return 'unknown';
}

const VERSION = packageVersion();

/** Repeated options add up: `--target a --target b,c`. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Exit codes: 0 ok, 1 problems in a spec, 2 usage (unknown command, option or target), 70 an lbkit bug. */
export const EXIT = { ok: 0, problems: 1, usage: 2, bug: 70 } as const;
import { checkCommand, renderCommand, type KubernetesCommandOptions } from './kubernetes';
import { isGlobalSpecFile } from './global-file';
import { planGlobalCommand } from './plan-global';
import { validateGlobalCommand } from './validate-global';

const stdio: Output = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/** Extra commands (the local proxy's `emulate`) register here, so this file does not import them eagerly. */
export type CommandPlugin = (program: Command, io: Output) => void;

export function buildProgram(io: Output = stdio, plugins: readonly CommandPlugin[] = []): Command {
  const program = new Command('lbkit')
    .description('One load balancer spec for AWS, Azure, GCP, Kubernetes and a local reference proxy.')
    .version(VERSION, '-V, --version', 'print the lbkit version')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('validate')
    .description('Validate spec files; print every problem with its path, line and fix (exit 1 when any is invalid).')
    .argument('<files...>', 'spec files (.yaml, .yml, .json)')
    .option('--json', 'print one JSON report: every file with its problems and warnings')
    .option('-t, --target <targets>', `also check capability on these targets, comma-separated or repeated (${TARGETS.join(', ')}), or 'all'`, collect)
    .action((files: string[], options: { json?: boolean; target?: string[] }) => {
      // Global specs (kind: global) are validated with their regions' LoadBalancer specs (cli/validate-global.ts).
      const global = files.filter(isGlobalSpecFile);
      const local = files.filter((f) => !global.includes(f));
      const codes = [local.length ? validateCommand(local, io, options) : 0, global.length ? validateGlobalCommand(global, io) : 0];
      process.exitCode = Math.max(...codes);
    });
  program
    .command('plan')
    .description("Show what targets would get for a spec: the capability matrix of every target, or one target's resources and report.")
    .argument('<file>', 'spec file')
    .option('-t, --target <targets>', `targets, comma-separated or repeated (${TARGETS.join(', ')}), or 'all' for the capability matrix`, collect)
    .option('--explain', "with --target: each used feature's cell (mapping, nearest option) and the target's ranges, with their sources")
    .option('--json', 'print the result as JSON')
    .option('--diagram', 'print the topology as a Mermaid flowchart (frontends, rules, pools, what each target creates)')
    .action((file: string, options: PlanOptions) => {
      // A global spec (kind: global) has targets of its own (cli/plan-global.ts).
      process.exitCode = isGlobalSpecFile(file) ? planGlobalCommand(file, (options.target ?? ['all']).join(','), io) : planCommand(file, options, io);
    });
  const kubernetes = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .argument('<file>', 'spec file')
      .requiredOption('-t, --target <target>', 'k8s-gateway, k8s-envoy-gateway, k8s-gke-gateway or k8s-service')
      .option('-n, --namespace <namespace>', 'namespace of the objects', 'default')
      .option('--gateway-class <name>', 'the GatewayClass (default: eg on Envoy Gateway, a gke-l7 class on GKE, gateway otherwise)')
      .option('--channel <channel>', "Gateway API channel: standard, or experimental (k8s-gateway's HTTPRoute sessionPersistence)")
      .option('--allow-nearest <feature>', "accept a nearest mapping ('<feature>' or '<target>:<feature>'); repeatable", collect)
      .option('--no-strict', 'accept every nearest mapping');
  kubernetes('render', 'Print the manifests a Kubernetes target gets for a spec (YAML, for kubectl apply -f -).').action(
    (file: string, options: KubernetesCommandOptions) => {
      process.exitCode = renderCommand(file, options, io);
    },
  );
  kubernetes('check', 'Check the manifests against CRDs (schema after defaults, CEL rules) as an API server would.')
    .requiredOption('--crds <dir>', "folder of CustomResourceDefinition YAML files (the cluster's)")
    .action((file: string, options: KubernetesCommandOptions) => {
      process.exitCode = checkCommand(file, options, io);
    });
  program
    .command('schema')
    .description('Print the JSON Schema of spec files (for `# yaml-language-server: $schema=` lines and editors).')
    .option('-o, --out <file>', 'write it to a file instead of printing it')
    .action((options: { out?: string }) => {
      process.exitCode = schemaCommand(options, io);
    });
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
      // commander already printed help, the version or the usage error.
      const kind = (e as { code?: string }).code;
      process.exitCode = kind === 'commander.helpDisplayed' || kind === 'commander.version' || kind === 'commander.help' ? EXIT.ok : EXIT.usage;
      return;
    }
    process.stderr.write(`lbkit: unexpected error: ${(e as Error).message}\n`);
    process.exitCode = 70;
  }
}
