/**
 * CustomResourceDefinitions read from a folder (the cluster's, or ../shared/reference/k8s-crds in tests): each
 * served version's openAPIV3Schema by apiVersion and kind. Files are never copied into the project: users point
 * `lbkit check --crds DIR` at theirs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** An OpenAPI v3 structural schema as a CRD carries it (only the keywords the checker reads are typed). */
export interface StructuralSchema {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, StructuralSchema>>;
  readonly additionalProperties?: StructuralSchema | boolean;
  readonly items?: StructuralSchema;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-embedded-resource'?: boolean;
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly 'x-kubernetes-validations'?: ReadonlyArray<{
    readonly rule: string;
    readonly message?: string;
    readonly messageExpression?: string;
    readonly fieldPath?: string;
    readonly reason?: string;
  }>;
  readonly [keyword: string]: unknown;
}

export interface CrdVersion {
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: StructuralSchema;
  /** The file it came from (messages name it). */
  readonly file: string;
}

export type CrdIndex = ReadonlyMap<string, CrdVersion>;

const key = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

/**
 * Every CRD under `dir`. Where the same apiVersion and kind come from several files (Gateway API's standard and
 * experimental channels), the file under a folder named after `channel` wins.
 */
const loaded = new Map<string, CrdIndex>();

export function loadCrds(dir: string, channel: 'standard' | 'experimental' = 'standard'): CrdIndex {
  // Parsing a cluster's CRDs takes seconds: once per folder and channel in a process.
  const cached = loaded.get(`${channel}\0${dir}`);
  if (cached) return cached;
  const index = new Map<string, CrdVersion>();
  for (const file of yamlFiles(dir)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as {
        kind?: string;
        spec?: { group: string; names: { kind: string }; versions: Array<{ name: string; served?: boolean; schema?: { openAPIV3Schema?: StructuralSchema } }> };
      } | null;
      if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
      for (const v of crd.spec.versions) {
        const schema = v.schema?.openAPIV3Schema;
        if (!v.served || !schema) continue;
        const entry = { apiVersion: `${crd.spec.group}/${v.name}`, kind: crd.spec.names.kind, schema, file };
        const k = key(entry.apiVersion, entry.kind);
        const existing = index.get(k);
        const preferred = !existing || (file.includes(`/${channel}/`) && !existing.file.includes(`/${channel}/`));
        if (preferred) index.set(k, entry);
      }
    }
  }
  loaded.set(`${channel}\0${dir}`, index);
  return index;
}

export function crdFor(index: CrdIndex, apiVersion: string, kind: string): CrdVersion | undefined {
  return index.get(key(apiVersion, kind));
}
