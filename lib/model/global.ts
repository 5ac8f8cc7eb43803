/**
 * buildGlobalModel: a validated global spec (lib/spec/global-load.ts) with its defaults applied, each region's
 * LoadBalancer spec read and built, and the frontend each region answers with resolved. Every problem of the
 * global spec and of the regional specs is reported at once (SpecValidationError), the regional ones under the
 * region's path.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { ProblemsError, SpecLoadError, SpecValidationError, type SpecIssue } from '../errors';
import { globalSpecIssues, readGlobalSpecText } from '../spec/global-load';
import { globalSpecSchema, type GlobalSpec, type RegionSpec } from '../spec/global-schema';
import { globalSemanticIssues } from '../spec/global-semantic';
import { parseSpecText, type Locator } from '../spec/load';
import { buildModel, loadModel } from './build';
import { GLOBAL_DEFAULTS } from './global-defaults';
import type { GlobalModel, RegionModel, SteeringModel } from './global-types';
import type { LoadBalancerModel } from './types';

export interface GlobalBuildOptions {
  /** Directory the regions' specFile paths are relative to. @default the global spec file's directory, else the working directory */
  readonly baseDir?: string;
  /** The spec file, for messages. */
  readonly file?: string;
  /** Maps issue paths to source positions (set when the spec came from text). */
  readonly locate?: Locator;
  /** LoadBalancer models by region name, used instead of reading the region's specFile (tests, programs). */
  readonly loadBalancers?: Readonly<Record<string, LoadBalancerModel>>;
}

/** 'us-east-2' -> 'UsEast2': ids for logical names come from the region name only. */
export function pascalId(name: string): string {
  return name
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

function regionLoadBalancer(
  region: RegionSpec,
  at: string,
  baseDir: string,
  given: LoadBalancerModel | undefined,
): { model?: LoadBalancerModel; specFile: string; issues: SpecIssue[] } {
  const specFile = isAbsolute(region.loadBalancer.specFile) ? region.loadBalancer.specFile : resolve(baseDir, region.loadBalancer.specFile);
  if (given) return { model: given, specFile, issues: [] };
  try {
    return { model: loadModel(specFile), specFile, issues: [] };
  } catch (e) {
    // The region's spec problems, each as its own issue at the region (spec errors and load errors both list them).
    const listed: readonly SpecIssue[] | undefined = e instanceof ProblemsError ? e.problems : e instanceof SpecLoadError ? e.issues : undefined;
    const inner = listed
      ? listed.map((p) => ({ message: p.path ? `${p.path}: ${p.message}` : p.message, fix: p.fix }))
      : [{ message: (e as Error).message, fix: undefined }];
    return {
      specFile,
      issues: inner.map(({ message, fix }) => ({
        path: `${at}.loadBalancer.specFile`,
        message: `${region.loadBalancer.specFile}: ${message}`,
        fix: fix ?? `fix the load balancer spec ${region.loadBalancer.specFile} (lbkit validate ${region.loadBalancer.specFile})`,
      })),
    };
  }
}

function resolveFrontend(region: RegionSpec, at: string, lb: LoadBalancerModel): { frontend?: string; issues: SpecIssue[] } {
  const names = lb.frontends.map((f) => f.name);
  if (region.loadBalancer.frontend !== undefined) {
    if (names.includes(region.loadBalancer.frontend)) return { frontend: region.loadBalancer.frontend, issues: [] };
    return {
      issues: [
        {
          path: `${at}.loadBalancer.frontend`,
          message: `load balancer '${lb.name}' has no frontend '${region.loadBalancer.frontend}'`,
          fix: `use one of: ${names.join(', ')}`,
        },
      ],
    };
  }
  // Skip an http frontend that only redirects to https: the name answers on the frontend that serves.
  const serving = lb.frontends.filter((f) => !f.redirectHttpToHttps);
  if (serving.length === 1) return { frontend: serving[0].name, issues: [] };
  return {
    issues: [
      {
        path: `${at}.loadBalancer`,
        message: `load balancer '${lb.name}' has ${serving.length} serving frontends; the region must name one`,
        fix: `add frontend: one of ${serving.map((f) => f.name).join(', ')}`,
      },
    ],
  };
}

function steeringOf(spec: GlobalSpec): SteeringModel {
  if (!spec.steering) return { policy: 'single' };
  return spec.steering.policy === 'geo' ? { policy: 'geo', default: spec.steering.default } : { policy: spec.steering.policy };
}

/** Builds the model of a global spec object; throws SpecValidationError with every problem. */
export function buildGlobalModel(input: unknown, options: GlobalBuildOptions = {}): GlobalModel {
  // A structurally broken spec stops here; a spec with cross-field problems still has its regions read, so
  // that their problems are reported with the others.
  const located = (list: SpecIssue[]) => (options.locate ? list.map((i) => ({ ...i, ...options.locate!(i.path) })) : list);
  const structural = globalSpecSchema.safeParse(input).success ? [] : globalSpecIssues(input);
  if (structural.length) throw new SpecValidationError(located(structural), options.file);
  const spec = input as GlobalSpec;
  const semantic = globalSemanticIssues(spec);
  const baseDir = options.baseDir ?? (options.file ? dirname(resolve(options.file)) : process.cwd());
  const hc = spec.healthCheck ?? {};
  const D = GLOBAL_DEFAULTS;
  const steering = steeringOf(spec);
  const issues: SpecIssue[] = [...semantic];
  const regions: RegionModel[] = [];
  spec.regions.forEach((r, i) => {
    const at = `regions[${i}]`;
    const lb = regionLoadBalancer(r, at, baseDir, options.loadBalancers?.[r.name]);
    issues.push(...lb.issues);
    if (!lb.model) return;
    const fe = resolveFrontend(r, at, lb.model);
    issues.push(...fe.issues);
    if (!fe.frontend) return;
    const frontend = lb.model.frontends.find((f) => f.name === fe.frontend)!;
    const protocol = hc.protocol ?? (frontend.protocol === 'https' ? 'https' : frontend.protocol === 'http' ? 'http' : 'tcp');
    if (protocol !== 'tcp' && frontend.layer === 'l4') {
      issues.push({
        path: 'healthCheck.protocol',
        message: `region '${r.name}' answers on the ${frontend.protocol} frontend '${frontend.name}', which an ${protocol} probe cannot check`,
        fix: 'use protocol tcp, or point the region at an http or https frontend',
      });
    }
    regions.push({
      name: r.name,
      id: pascalId(r.name),
      path: at,
      specFile: lb.specFile,
      loadBalancer: lb.model,
      frontend: frontend.name,
      location: { ...r.location },
      geo: { continents: r.geo?.continents ?? [], countries: r.geo?.countries ?? [], subdivisions: r.geo?.subdivisions ?? [] },
      ...(steering.policy === 'failover' ? { priority: r.priority } : {}),
      ...(steering.policy === 'weighted' ? { weight: r.weight ?? D.weight } : {}),
      probe: { protocol, port: hc.port ?? frontend.port, ...(protocol === 'tcp' ? {} : { path: hc.path ?? D.healthCheck.path }) },
    });
  });
  if (issues.length) throw new SpecValidationError(located(issues), options.file);

  const written = new Set<GlobalModel['written'] extends ReadonlySet<infer K> ? K : never>();
  if (spec.ttlSeconds !== undefined) written.add('ttlSeconds');
  if (spec.whenAllUnhealthy !== undefined) written.add('whenAllUnhealthy');
  for (const key of [
    'protocol',
    'port',
    'path',
    'intervalSeconds',
    'timeoutSeconds',
    'healthyThreshold',
    'unhealthyThreshold',
    'evaluateTargetHealth',
  ] as const) {
    if (hc[key] !== undefined) written.add(`healthCheck.${key}`);
  }
  return {
    kind: 'global',
    name: spec.name,
    hostNames: spec.hostNames.map((h) => h.toLowerCase()),
    zone: spec.zone.toLowerCase(),
    delivery: spec.delivery ?? D.delivery,
    ttlSeconds: spec.ttlSeconds ?? D.ttlSeconds,
    steering,
    healthCheck: {
      ...(hc.protocol ? { protocol: hc.protocol } : {}),
      ...(hc.port ? { port: hc.port } : {}),
      path: hc.path ?? D.healthCheck.path,
      intervalSeconds: hc.intervalSeconds ?? D.healthCheck.intervalSeconds,
      timeoutSeconds: hc.timeoutSeconds ?? D.healthCheck.timeoutSeconds,
      healthyThreshold: hc.healthyThreshold ?? D.healthCheck.healthyThreshold,
      unhealthyThreshold: hc.unhealthyThreshold ?? D.healthCheck.unhealthyThreshold,
      evaluateTargetHealth: hc.evaluateTargetHealth ?? D.healthCheck.evaluateTargetHealth,
    },
    whenAllUnhealthy: spec.whenAllUnhealthy ?? D.whenAllUnhealthy,
    regions,
    strict: spec.strict ?? D.strict,
    allowNearest: spec.allowNearest ?? [],
    tags: spec.tags ?? {},
    written,
  };
}

/** Reads a global spec file and builds its model (every problem at once, with lines); region spec files are relative to it. */
export function loadGlobalModel(file: string, options: Omit<GlobalBuildOptions, 'file' | 'locate'> = {}): GlobalModel {
  return globalModelFromText(readGlobalSpecText(file), { ...options, file });
}

/** Parses global spec text (YAML or JSON) and builds its model, with line numbers on every problem. */
export function globalModelFromText(text: string, options: GlobalBuildOptions = {}): GlobalModel {
  const { data, locate } = parseSpecText(text, options.file);
  return buildGlobalModel(data, { ...options, locate });
}

export { buildModel as buildLoadBalancerModel };
