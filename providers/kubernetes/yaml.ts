/** The plan's objects as one multi-document YAML stream (what `lbkit render` prints and `kubectl apply -f -` reads). */
import { stringify } from 'yaml';
import type { K8sObject } from './objects';

export function toYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}
