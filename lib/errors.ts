/**
 * Every error lbkit throws on purpose, in one module, each with a stable `code` from one union: callers and
 * tests match on `code` (or the class), never on message text.
 *
 * User input (spec, capability, limits, placement) is reported as `Problem`s, all at once: a component or the
 * CLI gathers every problem of every layer before it throws or prints. `problemsError` picks the class that
 * covers them: the layer's own class when they share one code, `InvalidInputError` when they span layers.
 */

export type ErrorCode =
  /** The spec breaks the schema or a cross-field rule. */
  | 'LBKIT_SPEC_INVALID'
  /** A spec file cannot be read or parsed. */
  | 'LBKIT_SPEC_LOAD'
  /** A target cannot express what the spec asks (strict), or a value is outside the target's range. */
  | 'LBKIT_CAPABILITY'
  /** Problems of several layers at once (spec, capability, limits, placement). */
  | 'LBKIT_INVALID_INPUT'
  /** The compiled spec breaks an AWS limit or quota. */
  | 'LBKIT_AWS_LIMIT'
  /** AWS placement or bindings do not fit the spec. */
  | 'LBKIT_AWS_PLACEMENT'
  /** Azure placement or bindings do not fit the spec. */
  | 'LBKIT_AZURE_PROPS'
  /** The compiled spec breaks an Azure limit, or a shape Azure cannot take. */
  | 'LBKIT_AZURE_PLAN'
  /** GCP placement or bindings do not fit the spec. */
  | 'LBKIT_GCP_PLACEMENT'
  /** Kubernetes placement or bindings do not fit the spec. */
  | 'LBKIT_K8S_PLACEMENT'
  /** An emitted Kubernetes object fails its CRD's schema or CEL rules (`lbkit check`). */
  | 'LBKIT_K8S_INVALID'
  /** Global (multi-region) placement does not fit the global spec. */
  | 'LBKIT_GLOBAL_PLACEMENT'
  /** The compiled spec breaks a GCP limit or quota. */
  | 'LBKIT_GCP_LIMIT'
  /** A local proxy start option is wrong. */
  | 'LBKIT_LOCAL_OPTIONS'
  /** A local frontend or the admin server cannot listen. */
  | 'LBKIT_LOCAL_LISTEN'
  /** A pool or member named in a local call does not exist. */
  | 'LBKIT_LOCAL_UNKNOWN'
  /** The local proxy refused a client's request (answered with a status, the connection closed). */
  | 'ERR_LBKIT_CLIENT_REQUEST'
  /** The local proxy refused a member's response. */
  | 'ERR_LBKIT_MEMBER_RESPONSE';

/** Base class of every error lbkit throws on purpose. */
export class LbkitError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One problem in the input: where it is, what is wrong and how to fix it. */
export interface Problem {
  /** Which kind of problem (the code of the error that reports it alone). */
  readonly code: ErrorCode;
  /**
   * Where: a spec path such as `frontends[0].rules[2].action.forward.pool`, or a prop/option path such as
   * `bindings.web.ips[0]` (empty for the document itself).
   */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix?: string;
  /** The target concerned (capability, limit and placement problems). */
  readonly target?: string;
  /** Where the value is in the source file (1-based), when the spec came from YAML or JSON text. */
  readonly line?: number;
  readonly column?: number;
  /** A capability problem's diagnostic (feature, level), so that a CapabilityError can be rebuilt from problems. */
  readonly capability?: CapabilityDiagnostic;
}

/** A problem in a spec file (structure or semantics); `code` is implied. */
export type SpecIssue = Omit<Problem, 'code' | 'target' | 'capability'>;

export function formatIssue(issue: Omit<Problem, 'code'>, file?: string): string {
  const where = [file, issue.line !== undefined ? `${issue.line}:${issue.column}` : undefined].filter(Boolean).join(':');
  const path = issue.path || '(spec)';
  return `${where ? `${where} ` : ''}${path}: ${issue.message}${issue.fix ? `\n    fix: ${issue.fix}` : ''}`;
}

/** Errors that carry every problem found; each subclass is one layer. */
export class ProblemsError extends LbkitError {
  /** Set by a CDK construct: the construct path the problems belong to. */
  constructPath?: string;
  constructor(
    code: ErrorCode,
    readonly problems: readonly Problem[],
    headline: string,
    readonly file?: string,
  ) {
    super(code, `${headline}:\n${problems.map((p) => `  ${formatIssue(p, file)}`).join('\n')}`);
  }

  /**
   * The same error, naming the construct path (CDK) on a line of its own after the problems, so that the
   * message still begins with the first problem's path.
   */
  at(constructPath: string): this {
    this.constructPath = constructPath;
    this.message = `${this.message}\n  in construct ${constructPath}`;
    return this;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Problems of several layers (spec, capability, limits, placement), listed together. */
export class InvalidInputError extends ProblemsError {
  constructor(problems: readonly Problem[], file?: string) {
    super('LBKIT_INVALID_INPUT', problems, `${file ? `${file}: ` : ''}the input has ${plural(problems.length, 'problem')}`, file);
  }
}

/** The spec is invalid; `issues` lists every problem found, each with its path. */
export class SpecValidationError extends ProblemsError {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[], file?: string) {
    super(
      'LBKIT_SPEC_INVALID',
      issues.map((i) => ({ code: 'LBKIT_SPEC_INVALID', ...i })),
      `${file ? `${file}: ` : ''}the load balancer spec has ${plural(issues.length, 'problem')}`,
      file,
    );
    this.issues = issues;
  }
}

/**
 * A spec file could not be read or parsed (missing file, too large, not UTF-8, YAML or JSON syntax, alias
 * expansion over the limit). `issues` lists every problem found, each with its position and a fix; `line`
 * and `column` are those of the first.
 */
export class SpecLoadError extends LbkitError {
  readonly issues: readonly SpecIssue[];
  readonly line?: number;
  readonly column?: number;

  constructor(
    issues: readonly SpecIssue[] | string,
    readonly file?: string,
    line?: number,
    column?: number,
  ) {
    const list = typeof issues === 'string' ? [{ path: '', message: issues, line, column }] : issues;
    super('LBKIT_SPEC_LOAD', loadMessage(list, file));
    this.issues = list;
    this.line = list[0]?.line;
    this.column = list[0]?.column;
  }
}

function loadMessage(issues: readonly SpecIssue[], file: string | undefined): string {
  const one = (i: SpecIssue) => {
    const where = [file, i.line !== undefined ? `${i.line}:${i.column}` : undefined].filter(Boolean).join(':');
    return `${where ? `${where}: ` : ''}${i.message}${i.fix ? `\n    fix: ${i.fix}` : ''}`;
  };
  if (issues.length === 1) return one(issues[0]);
  return `${file ?? 'spec'}: ${issues.length} problems reading the spec:\n${issues.map((i) => `  ${one(i)}`).join('\n')}`;
}

/** What a capability problem records besides the common fields. */
export interface CapabilityDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly target: string;
  /** Feature id, or 'range' for a value outside what the target accepts, or 'allowNearest' for a bad opt-in. */
  readonly feature: string;
  readonly level: 'nearest' | 'unsupported' | 'range' | 'config';
  readonly path: string;
  readonly message: string;
}

/** The model cannot compile to a target as written. */
export class CapabilityError extends ProblemsError {
  readonly target: string;
  readonly diagnostics: readonly CapabilityDiagnostic[];
  constructor(target: string, diagnostics: readonly CapabilityDiagnostic[]) {
    const targets = [...new Set(diagnostics.map((d) => d.target))];
    super(
      'LBKIT_CAPABILITY',
      diagnostics.map((d) => ({ code: 'LBKIT_CAPABILITY', path: d.path, message: d.message, target: d.target, capability: d })),
      `the spec cannot compile to ${targets.length > 1 ? targets.join(', ') : target}`,
    );
    this.target = target;
    this.diagnostics = diagnostics;
  }
}

/** A problem a plan found (limits, placement), as the providers' plans report them. */
export interface PlanIssue {
  readonly path: string;
  readonly message: string;
}

/** The spec fits the capability table but breaks an ELBv2 or WAFv2 limit once compiled (rules, condition values). */
export class AwsPlanError extends ProblemsError {
  readonly issues: readonly PlanIssue[];
  constructor(issues: readonly (PlanIssue | Problem)[]) {
    super(
      'LBKIT_AWS_LIMIT',
      issues.map((i) => ({ code: 'LBKIT_AWS_LIMIT', ...i })),
      'the spec exceeds AWS limits',
    );
    this.issues = issues.map(({ path, message }) => ({ path, message }));
  }
}

/**
 * The class of a layer whose error only lists its problems under one headline: `class X extends layerError(code,
 * headline) {}` keeps X's own name (LbkitError takes it from new.target) for callers that catch it.
 */
function layerError(code: ErrorCode, headline: string): new (problems: readonly Problem[]) => ProblemsError {
  return class extends ProblemsError {
    constructor(problems: readonly Problem[]) {
      super(code, problems, headline);
    }
  };
}

/** The problems of a placement error given either whole, or as one path and message (the older, single form). */
function problemList(code: ErrorCode, given: string | readonly Problem[], message: string | undefined): readonly Problem[] {
  return typeof given === 'string' ? [{ code, path: given, message: message ?? '' }] : given;
}

/**
 * Problems given as a list, or as one path and its message; the first problem's path is what the subclass exposes
 * under its own name, and a single problem reads `<prefix><path>: <message>`.
 */
abstract class FirstPathError extends ProblemsError {
  protected readonly firstPath: string;
  protected constructor(code: ErrorCode, given: string | readonly Problem[], message: string | undefined, headline: string, singlePrefix: string) {
    const list = problemList(code, given, message);
    super(code, list, headline);
    this.firstPath = list[0]?.path ?? '';
    if (list.length === 1) this.message = `${singlePrefix}${list[0].path}: ${list[0].message}`;
  }
}

/** AWS placement or binding props are missing or do not fit the spec (each names the prop and the spec path). */
export class AwsPlacementError extends ProblemsError {
  constructor(problems: string | readonly Problem[]) {
    const list = typeof problems === 'string' ? problemList('LBKIT_AWS_PLACEMENT', '', problems) : problems;
    super('LBKIT_AWS_PLACEMENT', list, 'AWS placement props do not fit the spec');
    // A single problem reads as it always did: '<prop>: <message>; <fix>'.
    if (list.length === 1) {
      const [p] = list;
      this.message = `${p.path ? `${p.path}: ` : ''}${p.message}${p.fix ? `; ${p.fix}` : ''}`;
    }
  }
}

/** Azure placement or binding props are missing or do not fit the spec; `prop` names the first. */
export class AzurePropsError extends FirstPathError {
  readonly prop: string;
  constructor(prop: string | readonly Problem[], message?: string) {
    super('LBKIT_AZURE_PROPS', prop, message, 'lbkit:azure:LoadBalancer props do not fit the spec', 'lbkit:azure:LoadBalancer props.');
    this.prop = this.firstPath;
  }
}

/** The spec cannot be laid out as an Application Gateway or Azure Load Balancer (limits, shapes). */
export class AzurePlanError extends layerError('LBKIT_AZURE_PLAN', 'the spec does not fit Azure') {}

/** A placement finding: the prop it concerns, such as `bindings.web.networkEndpoints.a.endpoints[0].instance`. */
export interface PlacementFinding {
  readonly prop: string;
  readonly message: string;
}

/** A GCP placement problem names the prop it concerns. */
export type PlacementProblem = Problem & PlacementFinding;

/** The compiled spec breaks a GCP limit or quota (each problem names it and whether GCP raises it). */
export class GcpLimitError extends layerError('LBKIT_GCP_LIMIT', 'the spec exceeds GCP limits') {}

/** The props do not fit the spec on GCP; `problems` lists every one with the prop it concerns. */
export class GcpPlacementError extends ProblemsError {
  declare readonly problems: readonly PlacementProblem[];
  constructor(problems: readonly (Problem | PlacementFinding)[]) {
    super(
      'LBKIT_GCP_PLACEMENT',
      problems.map((p): PlacementProblem => ('prop' in p ? { code: 'LBKIT_GCP_PLACEMENT', path: p.prop, ...p } : { ...p, prop: p.path })),
      'lbkit:gcp:LoadBalancer props do not fit the spec',
    );
  }
}

/** The Kubernetes placement or bindings do not fit the spec; every problem names the option. */
export class KubernetesPlacementError extends layerError('LBKIT_K8S_PLACEMENT', 'Kubernetes placement does not fit the spec') {}

/** Objects an API server would refuse: each problem names the object and the field. */
export class KubernetesManifestError extends layerError('LBKIT_K8S_INVALID', 'the manifests break their CRDs') {}

/** The placement of a global spec (hosted zone, each region's deployed load balancer) is missing or does not fit. */
export class GlobalPlacementError extends layerError('LBKIT_GLOBAL_PLACEMENT', 'global placement props do not fit the global spec') {}

/** A local start option is wrong; `option` names it, such as `bindings.web[1]`. */
export class LocalOptionsError extends FirstPathError {
  readonly option: string;
  constructor(option: string | readonly Problem[], message?: string) {
    super('LBKIT_LOCAL_OPTIONS', option, message, 'local load balancer options do not fit the spec', '');
    this.option = this.firstPath;
  }
}

/** A frontend or the admin server could not listen (port in use, permission denied). */
export class LocalListenError extends LbkitError {
  constructor(
    readonly listener: string,
    readonly address: string,
    cause: Error,
  ) {
    super('LBKIT_LOCAL_LISTEN', `cannot listen for '${listener}' on ${address}: ${(cause as NodeJS.ErrnoException).code ?? cause.message}`);
  }
}

/** A pool or member named in a call does not exist. */
export class LocalLookupError extends LbkitError {
  constructor(message: string) {
    super('LBKIT_LOCAL_UNKNOWN', message);
  }
}

export type ClientErrorReason = 'malformed' | 'header-too-large' | 'body-framing' | 'framing-too-large';

/** A request the local proxy refuses: answered with `status`, counted under `reason`, and the connection closed. */
export class ClientRequestError extends LbkitError {
  constructor(
    readonly status: 400 | 413 | 431,
    readonly reason: ClientErrorReason,
    readonly detail: string,
  ) {
    super('ERR_LBKIT_CLIENT_REQUEST', `malformed request from the client: ${detail}`);
  }
}

/** A member's response the local proxy refuses; the access log's error_reason uses the code. */
export class MemberResponseError extends LbkitError {
  constructor(readonly detail: string) {
    super('ERR_LBKIT_MEMBER_RESPONSE', `malformed response from the member: ${detail}`);
  }
}

const BY_CODE: Partial<Record<ErrorCode, (problems: readonly Problem[]) => ProblemsError>> = {
  LBKIT_SPEC_INVALID: (p) => new SpecValidationError(p),
  LBKIT_AWS_LIMIT: (p) => new AwsPlanError(p),
  LBKIT_AWS_PLACEMENT: (p) => new AwsPlacementError(p),
  LBKIT_AZURE_PROPS: (p) => new AzurePropsError(p),
  LBKIT_AZURE_PLAN: (p) => new AzurePlanError(p),
  LBKIT_GCP_PLACEMENT: (p) => new GcpPlacementError(p),
  LBKIT_GCP_LIMIT: (p) => new GcpLimitError(p),
  LBKIT_LOCAL_OPTIONS: (p) => new LocalOptionsError(p),
  LBKIT_K8S_PLACEMENT: (p) => new KubernetesPlacementError(p),
  LBKIT_K8S_INVALID: (p) => new KubernetesManifestError(p),
  LBKIT_GLOBAL_PLACEMENT: (p) => new GlobalPlacementError(p),
};

/**
 * The error that reports every problem: the layer's own class when all share one code (so a caller can catch
 * `AwsPlacementError`), else `InvalidInputError`.
 */
export function problemsError(problems: readonly Problem[]): ProblemsError {
  const codes = new Set(problems.map((p) => p.code));
  if (codes.size === 1) {
    const [code] = codes;
    const diagnostics = problems.flatMap((p) => (p.capability ? [p.capability] : []));
    if (code === 'LBKIT_CAPABILITY' && diagnostics.length === problems.length) return new CapabilityError(diagnostics[0].target, diagnostics);
    const make = BY_CODE[code];
    if (make) return make(problems);
  }
  return new InvalidInputError(problems);
}
