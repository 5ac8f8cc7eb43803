/**
 * Holds emitted objects against what an API server would enforce: for a custom resource, its CRD's schema after
 * defaulting (ajv), its list semantics and its CEL rules; for every object, the metadata name rules. Core kinds
 * (Service, EndpointSlice) have no CRD: their names, ports and EndpointSlice label are checked here; kinds whose CRD
 * is not in the folder are listed as unchecked, never as passed.
 */
import type { K8sObject } from '../objects';
import { objectKey } from '../objects';
import { checkCel, newCelStats, type CelStats } from './cel';
import { crdFor, type CrdIndex } from './crds';
import { applyDefaults } from './defaults';
import { checkLists } from './lists';
import { describeSchemaError, schemaValidator } from './schema';

export interface ManifestFinding {
  /** 'Kind/namespace/name'. */
  readonly object: string;
  readonly path: string;
  readonly message: string;
  /** Which check found it. */
  readonly by: 'schema' | 'cel' | 'list' | 'metadata' | 'core';
}

export interface ManifestCheck {
  readonly findings: ManifestFinding[];
  /** Objects checked against a CRD, and core objects checked by the built-in rules. */
  readonly checked: { crd: number; core: number };
  /** Objects whose kind has no CRD in the folder. */
  readonly unchecked: string[];
  readonly cel: CelStats;
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Object names: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ (Services: RFC 1035 labels). */
function metadataFindings(o: K8sObject): Array<Omit<ManifestFinding, 'object' | 'by'>> {
  const out: Array<Omit<ManifestFinding, 'object' | 'by'>> = [];
  const name = o.metadata.name;
  if (o.kind === 'Service' ? !(LABEL.test(name) && /^[a-z]/.test(name) && name.length <= 63) : !(SUBDOMAIN.test(name) && name.length <= 253)) {
    out.push({ path: 'metadata.name', message: `'${name}' is not a valid ${o.kind} name` });
  }
  if (o.metadata.namespace !== undefined && !(LABEL.test(o.metadata.namespace) && o.metadata.namespace.length <= 63))
    out.push({ path: 'metadata.namespace', message: `'${o.metadata.namespace}' is not a namespace name` });
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (!LABEL_KEY.test(k) || !LABEL_VALUE.test(v) || v.length > 63)
      out.push({ path: `metadata.labels.${k}`, message: `label '${k}: ${v}' is not a valid label` });
  }
  return out;
}

/** Core objects lbkit writes, by the API's own validation of the fields lbkit sets. */
function coreFindings(o: K8sObject, all: readonly K8sObject[]): Array<Omit<ManifestFinding, 'object' | 'by'>> {
  const out: Array<Omit<ManifestFinding, 'object' | 'by'>> = [];
  const ports = (o.kind === 'Service' ? (o.spec?.ports as Array<Record<string, unknown>> | undefined) : o.ports) ?? [];
  ports.forEach((p, i) => {
    const port = Number(p.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) out.push({ path: `ports[${i}].port`, message: `port ${String(p.port)} is outside 1-65535` });
    if (!['TCP', 'UDP', 'SCTP'].includes(String(p.protocol))) out.push({ path: `ports[${i}].protocol`, message: 'must be TCP, UDP or SCTP' });
    if (p.name !== undefined && !(LABEL.test(String(p.name)) && String(p.name).length <= 15))
      out.push({ path: `ports[${i}].name`, message: `port name '${String(p.name)}' must be an IANA service name (at most 15 characters)` });
  });
  if (o.kind === 'EndpointSlice') {
    const service = o.metadata.labels?.['kubernetes.io/service-name'];
    if (!service || !all.some((s) => s.kind === 'Service' && s.metadata.name === service))
      out.push({ path: 'metadata.labels', message: 'kubernetes.io/service-name names no Service of the manifest' });
    if (!['IPv4', 'IPv6', 'FQDN'].includes(String(o.addressType))) out.push({ path: 'addressType', message: 'must be IPv4, IPv6 or FQDN' });
  }
  return out;
}

export function checkObjects(objects: readonly K8sObject[], crds: CrdIndex): ManifestCheck {
  const findings: ManifestFinding[] = [];
  const cel = newCelStats();
  const checked = { crd: 0, core: 0 };
  const unchecked: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    const object = objectKey(o);
    if (seen.has(object)) findings.push({ object, path: 'metadata.name', message: 'two objects of this kind share the name', by: 'metadata' });
    seen.add(object);
    findings.push(...metadataFindings(o).map((f) => ({ ...f, object, by: 'metadata' as const })));
    if (o.apiVersion === 'v1' || o.apiVersion === 'discovery.k8s.io/v1') {
      checked.core++;
      findings.push(...coreFindings(o, objects).map((f) => ({ ...f, object, by: 'core' as const })));
      continue;
    }
    const crd = crdFor(crds, o.apiVersion, o.kind);
    if (!crd) {
      unchecked.push(`${object} (no CRD for ${o.apiVersion} ${o.kind})`);
      continue;
    }
    checked.crd++;
    const defaulted = applyDefaults(JSON.parse(JSON.stringify(o)), crd.schema);
    const validate = schemaValidator(crd.schema);
    if (!validate(defaulted)) findings.push(...(validate.errors ?? []).map((e) => ({ ...describeSchemaError(e), object, by: 'schema' as const })));
    findings.push(...checkLists(defaulted, crd.schema, '').map((f) => ({ ...f, object, by: 'list' as const })));
    findings.push(...checkCel(defaulted, crd.schema, '', cel).map((f) => ({ ...f, object, by: 'cel' as const })));
  }
  return { findings, checked, unchecked, cel };
}
