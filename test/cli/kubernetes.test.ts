/** `lbkit render` and `lbkit check`: manifests as YAML, every problem listed, the CRD check with its counts. */
import { parseAllDocuments } from 'yaml';
import { lbkit, testRuns } from './support';
import { CRD_DIR, ENVOY_WEB_NEAREST, withCrds } from '../kubernetes/fixtures';

const WEB = 'examples/specs/web.yaml';
const nearest = ENVOY_WEB_NEAREST.flatMap((n) => ['--allow-nearest', n]);

describe('lbkit render', () => {
  test('prints the manifests as YAML documents, Gateway first', async () => {
    const r = await lbkit('render', WEB, '--target', 'k8s-envoy-gateway', ...nearest, '--namespace', 'edge');
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.out).map((d) => d.toJS() as { kind: string; metadata: { namespace?: string } });
    expect(docs[0].kind).toBe('Gateway');
    expect(docs.map((d) => d.kind)).toEqual(expect.arrayContaining(['HTTPRoute', 'BackendTrafficPolicy']));
    expect(docs.every((d) => d.metadata.namespace === 'edge')).toBe(true);
    expect(r.err).toMatch(/warning pools\[0\]\.drainingSeconds: k8s-envoy-gateway approximates pool\.draining/);
  });

  test('a spec the target cannot take as written exits 1 and lists every problem with its opt-in', async () => {
    const r = await lbkit('render', WEB, '--target', 'k8s-gateway');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/k8s-gateway cannot compile it \(\d+ problems\)/);
    expect(r.err).toContain("add 'k8s-gateway:pool.draining' to allowNearest");
    expect(r.err).toContain('cannot express pool.persistence.lb-cookie');
    expect(r.out).toBe('');
  });

  testRuns([
    [
      'web.yaml as written renders for Envoy Gateway (it accepts what Envoy approximates), with the approximations as warnings',
      ['render', WEB, '--target', 'k8s-envoy-gateway'],
      0,
      'err',
      /warning rateLimits\[0\]: k8s-envoy-gateway approximates rate-limit\.client-ip/,
    ],
    ['a target of another family is a usage error', ['render', WEB, '--target', 'aws-alb'], 2, 'err', "'aws-alb' is no Kubernetes target"],
  ]);

  test('lbkit plan lists the objects of a Kubernetes target', async () => {
    const r = await lbkit('plan', WEB, '--target', 'k8s-envoy-gateway');
    expect(r.out).toMatch(/gateway\.networking\.k8s\.io\/Gateway\s+default\/web\s+class eg, listeners https HTTPS:443, http HTTP:80/);
    expect(r.out).toMatch(/gateway\.envoyproxy\.io\/BackendTrafficPolicy/);
  });
});

withCrds('lbkit check', () => {
  test('the manifests of web.yaml pass the CRDs and CEL rules, with counts', async () => {
    const r = await lbkit('check', WEB, '--target', 'k8s-envoy-gateway', '--crds', CRD_DIR!);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /✓ 8 objects: 8 against their CRDs \(\d+ CEL rules evaluated, 0 update-only rules skipped\), 0 core objects, 0 without a CRD; 0 findings/,
    );
  });

  test('a missing CRD folder is a usage error', async () => {
    const r = await lbkit('check', WEB, '--target', 'k8s-gateway', '--crds', '/nonexistent/crds');
    expect(r.code).toBe(2);
  });
});
