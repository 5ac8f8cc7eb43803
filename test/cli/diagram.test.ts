/** `lbkit plan --diagram`: the topology as Mermaid, well formed, true to the model, and the one in docs/diagrams.md. */
import { TARGET_INFO, TARGETS } from '../../providers';
import { readFileSync } from 'node:fs';
import { lbkit } from './support';
import { planDiagram } from '../../cli/diagram';
import { buildModel, loadModel } from '../../lib/model/build';
import { httpRulesSpec } from '../support/specs';

/** Node ids a Mermaid flowchart defines (nodes and subgraphs) and the ids its edges use. */
function structure(diagram: string): { defined: Set<string>; used: Set<string>; opened: number; closed: number } {
  const defined = new Set<string>();
  const used = new Set<string>();
  let opened = 0;
  let closed = 0;
  for (const raw of diagram.split('\n').slice(1)) {
    const line = raw.trim();
    if (!line || line.startsWith('direction ')) continue;
    if (line === 'end') {
      closed++;
      continue;
    }
    const sub = /^subgraph (\w+)\[/.exec(line);
    if (sub) {
      opened++;
      defined.add(sub[1]);
      continue;
    }
    const edge = /^(\w+) (-->|-\.->|-\.-)(?:\|"[^"]*"\|)? (\w+)(.*)$/.exec(line);
    if (edge) {
      used.add(edge[1]);
      if (edge[4])
        defined.add(edge[3]); // an end node defined on its edge
      else used.add(edge[3]);
      continue;
    }
    const node = /^(\w+)(\(\[|\[\(|\{\{|\[)"/.exec(line);
    if (!node) throw new Error(`not a node, edge or subgraph line: ${line}`);
    defined.add(node[1]);
  }
  return { defined, used, opened, closed };
}

const web = loadModel('examples/specs/web.yaml');

describe('planDiagram', () => {
  test.each(['web.yaml', 'internal-tcp.yaml', 'udp.yaml', 'web-azure.yaml'])('%s: every edge joins defined nodes, every subgraph ends', (file) => {
    const diagram = planDiagram(loadModel(`examples/specs/${file}`));
    expect(diagram.startsWith('flowchart LR\n')).toBe(true);
    const s = structure(diagram);
    expect(s.opened).toBe(s.closed);
    for (const id of s.used) expect({ id, defined: s.defined.has(id) }).toEqual({ id, defined: true });
  });

  test('web.yaml: frontends with their rules in order, the weighted split, the redirect, pools and the rate limit', () => {
    const d = planDiagram(web);
    expect(d).toContain('subgraph F0["frontend https: HTTPS :443<br/>TLS 1.2+, certificate site"]');
    expect(d).toContain('F0R0["1. api<br/>host api.example.com and path prefix /v1"]');
    expect(d).toContain('F0R1["2. static<br/>path prefix /static | prefix /assets"]');
    expect(d).toContain('F0R2 -.-> F0R2X(["redirect 301 to /"])');
    expect(d).toContain('F0R0 --> P2'); // api
    expect(d).toContain('F0D -->|"90%"| P0');
    expect(d).toContain('F0D -->|"10%"| P1');
    expect(d).toContain('F1D["every request: redirect 301 to https :443"]');
    expect(d).toContain('F1D -.-> F0');
    expect(d).toContain('P1[("pool web-canary<br/>http:8080, round-robin<br/>probe http /healthz<br/>sticky lb-cookie")]');
    expect(d).toContain('RL0{{"rate limit per-client<br/>600 per 60s per client IP, then 429"}}');
  });

  test('what each target creates: counts by resource type and the verdict; targets of the other layer in one box', () => {
    const d = planDiagram(web);
    expect(d).toMatch(
      /T_aws_alb\["aws-alb: AWS Application Load Balancer<br\/>1 LoadBalancer, 1 SecurityGroup, 2 Listener<br\/>4 ListenerRule, 4 TargetGroup[^"]*<br\/>✓ compiles"\]/,
    );
    expect(d).toMatch(/T_azure_appgw\["azure-appgw: [^"]*✗ does not compile as written \(\d+ errors?\)"\]/);
    const l4Targets = TARGETS.filter((t) => TARGET_INFO[t].layer === 'l4');
    expect(d).toContain(`T_none["no frontend of their layer here<br/>${l4Targets.join(', ')}"]`);
    expect(l4Targets).toEqual(expect.arrayContaining(['aws-nlb', 'azure-lb', 'gcp-nlb-passthrough', 'gcp-nlb-proxy']));
    expect(planDiagram(web, [])).not.toContain('subgraph targets');
  });

  test('labels cannot break out of their quotes', () => {
    const model = buildModel(
      httpRulesSpec('quoted', [
        { name: 'tricky', match: { headers: [{ name: 'x-a', exact: 'say "hi" <b>#1</b>' }] }, action: { fixedResponse: { statusCode: 418 } } },
      ]),
    );
    const d = planDiagram(model, []);
    expect(d).toContain('F0R0["1. tricky<br/>header x-a exact say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt;"]');
    expect(d).toContain('F0R0 -.-> F0R0X(["fixed response 418"])');
    expect(d).toContain('F0D --> P0');
  });
});

describe('lbkit plan --diagram', () => {
  test('prints the diagram of every target, or of the one given', async () => {
    const all = await lbkit('plan', 'examples/specs/web.yaml', '--diagram');
    expect(all).toMatchObject({ code: 0, err: '' });
    expect(`${all.out}\n`).toBe(planDiagram(web));
    const one = await lbkit('plan', 'examples/specs/web.yaml', '--diagram', '--target', 'aws-alb');
    expect(one.out).toContain('T_aws_alb[');
    expect(one.out).not.toContain('T_local[');
    const bad = await lbkit('plan', 'examples/specs/web.yaml', '--diagram', '--target', 'aws');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("✗ unknown target 'aws'");
  });

  test("docs/diagrams.md shows web.yaml's topology as the command prints it", () => {
    const doc = readFileSync('docs/diagrams.md', 'utf8');
    // The topology (everything before the targets box); the resource counts move with the backends.
    const topology = planDiagram(web).split('  subgraph targets[')[0];
    expect({ inSync: doc.includes(topology), fix: 'paste `npx lbkit plan examples/specs/web.yaml --diagram` into docs/diagrams.md' }).toMatchObject({
      inSync: true,
    });
  });
});
