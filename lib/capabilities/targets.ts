/** The targets a model can compile to, and which layer of frontends each one serves. */
export const TARGETS = [
  'aws-alb',
  'aws-nlb',
  'azure-lb',
  'azure-appgw',
  'gcp-alb-global',
  'gcp-alb-regional',
  'gcp-nlb-passthrough',
  'gcp-nlb-proxy',
  'local',
] as const;
export type TargetId = (typeof TARGETS)[number];

export interface TargetInfo {
  readonly id: TargetId;
  readonly title: string;
  /** Frontends of this layer compile to this target; `both` serves all. */
  readonly layer: 'l4' | 'l7' | 'both';
  readonly provider: 'aws' | 'azure' | 'gcp' | 'local';
}

export const TARGET_INFO: Readonly<Record<TargetId, TargetInfo>> = {
  'aws-alb': { id: 'aws-alb', title: 'AWS Application Load Balancer', layer: 'l7', provider: 'aws' },
  'aws-nlb': { id: 'aws-nlb', title: 'AWS Network Load Balancer', layer: 'l4', provider: 'aws' },
  'azure-lb': { id: 'azure-lb', title: 'Azure Load Balancer (Standard)', layer: 'l4', provider: 'azure' },
  'azure-appgw': { id: 'azure-appgw', title: 'Azure Application Gateway v2', layer: 'l7', provider: 'azure' },
  'gcp-alb-global': { id: 'gcp-alb-global', title: 'GCP global external Application Load Balancer', layer: 'l7', provider: 'gcp' },
  'gcp-alb-regional': { id: 'gcp-alb-regional', title: 'GCP regional (external or internal) Application Load Balancer', layer: 'l7', provider: 'gcp' },
  'gcp-nlb-passthrough': { id: 'gcp-nlb-passthrough', title: 'GCP passthrough Network Load Balancer', layer: 'l4', provider: 'gcp' },
  'gcp-nlb-proxy': { id: 'gcp-nlb-proxy', title: 'GCP proxy Network Load Balancer', layer: 'l4', provider: 'gcp' },
  local: { id: 'local', title: 'lbkit local reference proxy', layer: 'both', provider: 'local' },
};

export function isTarget(value: string): value is TargetId {
  return (TARGETS as readonly string[]).includes(value);
}
