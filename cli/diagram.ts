/**
 * `lbkit plan SPEC --diagram`: the spec's topology as a Mermaid flowchart (https://mermaid.js.org/syntax/flowchart.html):
 * clients, each frontend with its rules in evaluation order and its default action, where each action goes
 * (pools with weights, redirects, fixed responses), rate limits, and what each target would create
 * (resource counts from `describeTarget`, and whether it compiles). Paste it into Markdown inside a
 * ```mermaid block; GitHub and most editors draw it.
 */
import type { ActionModel, FrontendModel, LoadBalancerModel, MatchModel, PoolModel, RuleModel } from '../lib/model/types';
import { checkCapabilities, describeTarget, scopeFor, TARGET_INFO, TARGETS, type TargetId } from '../providers';

/** Mermaid label text: quotes and the characters Mermaid reads as markup become its entity codes. */
function text(s: string): string {
  return s.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** A quoted label of several lines. */
function label(...lines: string[]): string {
  return `"${lines.filter(Boolean).map(text).join('<br/>')}"`;
}

function describeMatch(m: MatchModel): string {
  const parts: string[] = [];
  if (m.hosts.length) parts.push(`host ${m.hosts.map((h) => h.value).join(' | ')}`);
  if (m.paths.length) parts.push(`path ${m.paths.map((p) => (p.kind === 'exact' ? p.value : `${p.kind} ${p.value}`)).join(' | ')}`);
  for (const h of m.headers) parts.push(h.kind === 'present' ? `header ${h.name}` : `header ${h.name} ${h.kind} ${h.value}`);
  for (const q of m.query) parts.push(q.kind === 'present' ? `query ${q.name}` : `query ${q.name}=${q.value}`);
  if (m.methods.length) parts.push(m.methods.join(' | '));
  if (m.sourceCidrs.length) parts.push(`from ${m.sourceCidrs.join(' | ')}`);
  return parts.join(' and ') || 'everything';
}

function describeRedirect(a: Extract<ActionModel, { type: 'redirect' }>): string {
  const to = [a.scheme && `${a.scheme}://`, a.host, a.port !== undefined && `:${a.port}`, a.path, a.query !== undefined && `?${a.query}`]
    .filter(Boolean)
    .join('');
  return `redirect ${a.statusCode}${to ? ` to ${to}` : ''}`;
}

function describePool(p: PoolModel): string[] {
  const hc = p.healthCheck;
  return [
    `pool ${p.name}`,
    `${p.protocol}:${p.port}, ${p.algorithm}`,
    `probe ${hc.protocol}${hc.path ? ` ${hc.path}` : ''}${hc.usesTrafficPort ? '' : ` :${hc.port}`}`,
    [
      p.sessionPersistence && `sticky ${p.sessionPersistence.type}`,
      p.passiveHealthCheck && 'passive health',
      p.whenAllUnhealthy === 'fail-closed' && 'fail-closed',
    ]
      .filter(Boolean)
      .join(', '),
  ];
}

/** "AWS::ElasticLoadBalancingV2::Listener" -> "Listener", "gcp:compute/uRLMap:URLMap" -> "URLMap". */
function shortType(type: string): string {
  return type.split(/::|:|\//).pop() ?? type;
}

/** What one target creates: resource counts by type, and the verdict of its capability check. */
function describeCreates(model: LoadBalancerModel, target: TargetId): string[] {
  const errors = checkCapabilities(model, target).errors.length;
  const verdict = errors ? `✗ does not compile as written (${errors} error${errors === 1 ? '' : 's'})` : '✓ compiles';
  const resources = describeTarget(model, target);
  if (resources.length === 1 && resources[0].type === 'plan')
    return [`${target}: ${TARGET_INFO[target].title}`, 'not laid out (see lbkit plan --target)', verdict];
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(shortType(r.type), (counts.get(shortType(r.type)) ?? 0) + 1);
  const items = [...counts].map(([type, n]) => `${n} ${type}`);
  // Three resource kinds a line keeps the boxes narrow enough to read.
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 3) lines.push(items.slice(i, i + 3).join(', '));
  return [`${target}: ${TARGET_INFO[target].title}`, ...lines, verdict];
}

class Flowchart {
  readonly lines: string[] = ['flowchart LR'];
  private readonly poolIds = new Map<string, string>();
  private readonly frontendIds = new Map<string, string>();

  constructor(private readonly model: LoadBalancerModel) {
    model.pools.forEach((p, i) => this.poolIds.set(p.name, `P${i}`));
    model.frontends.forEach((f, i) => this.frontendIds.set(f.name, `F${i}`));
  }

  add(line: string): void {
    this.lines.push(`  ${line}`);
  }

  /** Edges from one action node: to pools (with a weight share), or to an end node for redirects and fixed responses. */
  action(from: string, a: ActionModel | undefined): void {
    if (!a) return;
    switch (a.type) {
      case 'forward':
        this.add(`${from} --> ${this.poolIds.get(a.pool)}`);
        return;
      case 'weighted-forward': {
        const total = a.targets.reduce((s, t) => s + t.weight, 0);
        for (const t of a.targets) {
          const share = total ? Math.round((t.weight / total) * 1000) / 10 : 0;
          this.add(`${from} -->|${label(`${share}%`)}| ${this.poolIds.get(t.pool)}`);
        }
        return;
      }
      case 'redirect':
        this.add(`${from} -.-> ${from}X([${label(describeRedirect(a))}])`);
        return;
      case 'fixed-response':
        this.add(`${from} -.-> ${from}X([${label(`fixed response ${a.statusCode}`)}])`);
    }
  }

  frontend(f: FrontendModel, id: string): void {
    const tls = f.tls ? `TLS ${f.tls.minimumVersion}+, certificate ${f.tls.certificate}` : '';
    const source = f.allowedSourceCidrs.length ? `from ${f.allowedSourceCidrs.join(', ')}` : '';
    this.add(`subgraph ${id}[${label(`frontend ${f.name}: ${f.protocol.toUpperCase()} :${f.port}`, tls, source)}]`);
    this.add('  direction TB');
    f.rules.forEach((r: RuleModel, i) => this.add(`  ${id}R${i}[${label(`${i + 1}. ${r.id}`, describeMatch(r.match))}]`));
    if (f.redirectHttpToHttps)
      this.add(`  ${id}D[${label(`every request: redirect ${f.redirectHttpToHttps.statusCode} to https :${f.redirectHttpToHttps.port}`)}]`);
    else this.add(`  ${id}D[${label(f.rules.length ? 'default' : f.layer === 'l4' ? 'every connection' : 'every request')}]`);
    this.add('end');
    this.add(`clients --> ${id}`);
    f.rules.forEach((r, i) => this.action(`${id}R${i}`, r.action));
    if (f.redirectHttpToHttps) {
      const https = this.model.frontends.find((x) => x.port === f.redirectHttpToHttps!.port && x.tls);
      if (https) this.add(`${id}D -.-> ${this.frontendIds.get(https.name)}`);
    } else this.action(`${id}D`, f.defaultAction);
  }

  build(targets: readonly TargetId[]): string {
    const model = this.model;
    this.add(`clients([${label(`clients of ${model.name} (${model.scheme})`)}])`);
    model.frontends.forEach((f) => this.frontend(f, this.frontendIds.get(f.name)!));
    this.add(`subgraph pools[${label('pools')}]`);
    for (const p of model.pools) this.add(`  ${this.poolIds.get(p.name)}[(${label(...describePool(p))})]`);
    this.add('end');
    model.rateLimits.forEach((r, i) => {
      const key = r.key.type === 'header' ? `header ${r.key.name}` : 'client IP';
      this.add(
        `RL${i}{{${label(`rate limit ${r.name}`, `${r.limit} per ${r.windowSeconds}s per ${key}, then ${r.responseStatus}`, r.rules ? `rules ${r.rules.join(', ')}` : '')}}}`,
      );
      for (const f of r.frontends) this.add(`RL${i} -.- ${this.frontendIds.get(f)}`);
    });
    const inScope = targets.filter((t) => scopeFor(model, t).frontends.length > 0);
    const outOfScope = targets.filter((t) => !inScope.includes(t));
    if (targets.length) {
      this.add(`subgraph targets[${label('what each target creates')}]`);
      this.add('  direction LR');
      for (const t of inScope) this.add(`  T_${t.replace(/-/g, '_')}[${label(...describeCreates(model, t))}]`);
      if (outOfScope.length) this.add(`  T_none[${label('no frontend of their layer here', outOfScope.join(', '))}]`);
      this.add('end');
    }
    return `${this.lines.join('\n')}\n`;
  }
}

/** The Mermaid flowchart of a model; `targets` (default: every target) fill the "what each target creates" box. */
export function planDiagram(model: LoadBalancerModel, targets: readonly TargetId[] = TARGETS): string {
  return new Flowchart(model).build(targets);
}
