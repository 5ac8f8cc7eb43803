/**
 * Type-checks a small consumer of the packed package under one module resolution (node10, node16, bundler), in
 * process: the declaration files are parsed once and shared between the resolutions that parse them alike.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export type Resolution = 'node10' | 'node16' | 'bundler';

/** Every subpath export used with a type from it, so an import that resolves to nothing (or to `any`) fails. */
export const CONSUMER = `
import { validateSpec, type LoadBalancerSpec } from 'lbkit';
import { LoadBalancer as CdkLoadBalancer, type LoadBalancerProps } from 'lbkit/aws-cdk';
import { LoadBalancer as AwsPulumiLoadBalancer, type LoadBalancerArgs } from 'lbkit/aws-pulumi';
import { LoadBalancer as AzureLoadBalancer, type AzureLoadBalancerProps } from 'lbkit/azure';
import { LoadBalancer as GcpLoadBalancer } from 'lbkit/gcp';
import { LocalLoadBalancer, type LocalStartOptions } from 'lbkit/local';
import { GLOBAL_TARGETS, type GlobalTargetId } from 'lbkit/global';
import { GlobalDns, type GlobalDnsProps } from 'lbkit/global/aws-cdk';
import { TrafficManager, type TrafficManagerArgs } from 'lbkit/global/pulumi';
import { LocalGlobal, type LocalGlobalOptions } from 'lbkit/local/global';
import schema from 'lbkit/schema.json';

export const spec: LoadBalancerSpec = {
  name: 'web',
  frontends: [{ name: 'http', protocol: 'http', port: 80, defaultAction: { fixedResponse: { statusCode: 200 } } }],
};
export const valid: ReturnType<typeof validateSpec> = validateSpec(spec);
// @ts-expect-error the spec's types are real: a port is a number
export const wrong: LoadBalancerSpec = { name: 'web', frontends: [{ name: 'http', protocol: 'http', port: '80' }] };
export type Used = [LoadBalancerProps, LoadBalancerArgs, AzureLoadBalancerProps, LocalStartOptions, GlobalDnsProps, TrafficManagerArgs, LocalGlobalOptions];
export const classes = [CdkLoadBalancer, AwsPulumiLoadBalancer, AzureLoadBalancer, GcpLoadBalancer, LocalLoadBalancer, GlobalDns, TrafficManager, LocalGlobal];
export const globalTargets: readonly GlobalTargetId[] = GLOBAL_TARGETS.map((t) => t.id);
export const schemaId: string = schema.$id;
`;

/** Every specifier CONSUMER imports, in its order. */
const SPECIFIERS = [...CONSUMER.matchAll(/from '(lbkit[^']*)'/g)].map((m) => m[1]);

function options(resolution: Resolution): ts.CompilerOptions {
  const common: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    target: ts.ScriptTarget.ES2022,
    types: ['node'],
  };
  switch (resolution) {
    case 'node10':
      return { ...common, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
    case 'node16':
      return { ...common, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 };
    case 'bundler':
      return { ...common, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  }
}

/** Parsed files by name and parse options, shared by the programs of one test run. */
const parsed = new Map<string, ts.SourceFile>();

export interface ConsumerResult {
  /** Diagnostics of the consumer, formatted; none when it compiles. */
  errors: string[];
  /** Where each `lbkit...` import resolved, relative to the package. */
  resolved: Record<string, string | undefined>;
}

/** Compiles the consumer in `project` (whose node_modules holds the package) under one resolution. */
export function compileConsumer(project: string, packageDir: string, resolution: Resolution): ConsumerResult {
  const file = join(project, `consumer-${resolution}.ts`);
  writeFileSync(file, CONSUMER);
  const compilerOptions = options(resolution);
  const host = ts.createCompilerHost(compilerOptions);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName === file) return read(fileName, languageVersion, onError, shouldCreate);
    const format = typeof languageVersion === 'object' ? `${languageVersion.languageVersion}/${languageVersion.impliedNodeFormat}` : String(languageVersion);
    const key = `${format}:${fileName}`;
    let source = parsed.get(key);
    if (!source) {
      source = read(fileName, languageVersion, onError, shouldCreate);
      if (source) parsed.set(key, source);
    }
    return source;
  };
  const program = ts.createProgram({ rootNames: [file], options: compilerOptions, host });
  const consumer = program.getSourceFile(file)!;
  const diagnostics = [...program.getSyntacticDiagnostics(consumer), ...program.getSemanticDiagnostics(consumer), ...program.getOptionsDiagnostics()];
  const errors = diagnostics.map((d) =>
    ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => project, getNewLine: () => '\n' }).trim(),
  );
  const resolved: Record<string, string | undefined> = {};
  for (const specifier of SPECIFIERS) {
    const mode = program.getModeForUsageLocation(consumer, findSpecifier(consumer, specifier));
    const target = ts.resolveModuleName(specifier, file, compilerOptions, host, undefined, undefined, mode).resolvedModule?.resolvedFileName;
    resolved[specifier] = target?.startsWith(packageDir) ? target.slice(packageDir.length + 1) : target;
  }
  return { errors, resolved };
}

function findSpecifier(file: ts.SourceFile, specifier: string): ts.StringLiteralLike {
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === specifier) {
      return statement.moduleSpecifier;
    }
  }
  throw new Error(`the consumer does not import ${specifier}`);
}
