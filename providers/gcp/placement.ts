/**
 * Placement checks, part of `GCP_BACKEND.plan`: whatever the plan needs from the props (region, network,
 * proxy-only subnet, certificates, trust stores, bindings) must be there and fit GCP. Every problem is
 * returned, none thrown, so that the component reports them together with the capability problems.
 */
import type { CapabilityDiagnostic, PlacementFinding, PlacementProblem } from '../../lib/errors';
import type { LoadBalancerModel } from '../../lib/model/types';
import { closest } from '../../lib/spec/errors';
import { NAME_PATTERN } from '../../lib/spec/schema';
import type { GcpPlan } from './plan/types';
import type { GcpPlacement } from './props';

function certificateProblems(model: LoadBalancerModel, plan: GcpPlan, props: GcpPlacement): PlacementFinding[] {
  const problems: PlacementFinding[] = [];
  for (const name of Object.keys(props.certificates ?? {})) {
    if (!model.certificates.some((c) => c.name === name)) {
      const hint = closest(
        name,
        model.certificates.map((c) => c.name),
      );
      problems.push({ prop: `certificates.${name}`, message: `the spec has no certificate '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}` });
    }
  }
  if (props.certificateMap !== undefined) {
    for (const c of plan.certificates.filter((x) => x.regional)) {
      problems.push({
        prop: 'certificateMap',
        message: `frontend '${c.frontend}' is regional; certificate maps serve global external load balancers only (use certificates)`,
      });
    }
    return problems;
  }
  const seen = new Set<string>();
  for (const c of plan.certificates) {
    const key = `${c.name}/${c.regional}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const binding = props.certificates?.[c.name];
    if (binding && binding.kind !== 'managed') continue;
    const domains = model.certificates.find((x) => x.name === c.name)?.domains ?? [];
    const prop = `certificates.${c.name}`;
    const why = binding ? 'is managed' : 'has no binding, so it would be a Google-managed certificate';
    if (c.regional)
      problems.push({
        prop,
        message: `${why}, but Google-managed certificates are global only and frontend '${c.frontend}' is regional: give a self-managed or existing certificate`,
      });
    else if (!domains.length) problems.push({ prop, message: `${why}, which needs the spec's certificates[].domains, and it lists none` });
    else if (domains.some((d) => d.startsWith('*.'))) {
      problems.push({
        prop,
        message: `${why}, but compute managed certificates cannot cover wildcard domains (${domains.filter((d) => d.startsWith('*.')).join(', ')}): use certificateMap (Certificate Manager) or a self-managed certificate`,
      });
    }
  }
  return problems;
}

function bindingProblems(model: LoadBalancerModel, plan: GcpPlan, props: GcpPlacement): PlacementFinding[] {
  const problems: PlacementFinding[] = [];
  const bindings = props.bindings ?? {};
  for (const name of Object.keys(bindings)) {
    if (!model.pools.some((p) => p.name === name)) {
      const hint = closest(
        name,
        model.pools.map((p) => p.name),
      );
      problems.push({ prop: `bindings.${name}`, message: `the spec has no pool '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}` });
    }
  }
  for (const pool of [...new Set(plan.backendServices.map((s) => s.pool))]) {
    const binding = bindings[pool];
    const prop = `bindings.${pool}`;
    if (!binding) {
      problems.push({ prop, message: `pool '${pool}' needs members: instanceGroups, networkEndpoints or serverless` });
      continue;
    }
    const kinds = (['instanceGroups', 'networkEndpoints', 'serverless'] as const).filter((k) => k in binding);
    if (kinds.length !== 1) {
      problems.push({
        prop,
        message: `give exactly one of instanceGroups, networkEndpoints, serverless (GCP backend services do not mix them); got ${kinds.join(', ') || 'none'}`,
      });
      continue;
    }
    for (const [kind, members] of Object.entries(binding)) {
      for (const key of Object.keys(members as object)) {
        if (!NAME_PATTERN.test(key))
          problems.push({
            prop: `${prop}.${kind}.${key}`,
            message: "member keys name GCP resources: 1-32 characters of a-z, 0-9 and '-', starting with a letter",
          });
      }
    }
    const flavors = new Set(plan.backendServices.filter((s) => s.pool === pool).map((s) => s.flavor));
    if ('serverless' in binding) {
      const poolModel = model.pools.find((p) => p.name === pool);
      const regionalService = plan.backendServices.some((s) => s.pool === pool && s.regional);
      // compute v1 BackendService.outlierDetection: regional backend services "... Not supported for Serverless NEGs".
      if (poolModel?.passiveHealthCheck && regionalService) {
        problems.push({
          prop: `${prop}.serverless`,
          message: `pool '${pool}' asks for passiveHealthCheck, which regional backend services do not support with serverless NEGs (outlierDetection): use instance groups or NEGs, or a global load balancer`,
        });
      }
      if ([...flavors].some((f) => f !== 'alb'))
        problems.push({
          prop: `${prop}.serverless`,
          message: 'serverless NEGs serve Application Load Balancers only; this pool is behind a Network Load Balancer',
        });
      for (const [key, s] of Object.entries(binding.serverless)) {
        const targets = [s.cloudRun, s.cloudFunction, s.appEngine].filter((t) => t !== undefined).length;
        if (targets !== 1)
          problems.push({ prop: `${prop}.serverless.${key}`, message: `give exactly one of cloudRun, cloudFunction, appEngine; got ${targets}` });
      }
    }
    if ('networkEndpoints' in binding) {
      const passthrough = flavors.has('passthrough');
      if (passthrough && flavors.size > 1)
        problems.push({
          prop: `${prop}.networkEndpoints`,
          message: 'passthrough needs GCE_VM_IP endpoint groups and proxies GCE_VM_IP_PORT ones: give the passthrough frontend its own pool',
        });
      for (const [key, zonal] of Object.entries(binding.networkEndpoints)) {
        const type = zonal.networkEndpointType === 'NON_GCP_PRIVATE_IP_PORT' ? zonal.networkEndpointType : passthrough ? 'GCE_VM_IP' : 'GCE_VM_IP_PORT';
        if (passthrough && zonal.networkEndpointType === 'NON_GCP_PRIVATE_IP_PORT') {
          problems.push({ prop: `${prop}.networkEndpoints.${key}.networkEndpointType`, message: 'hybrid endpoints cannot serve a passthrough load balancer' });
        }
        zonal.endpoints.forEach((e, i) => {
          if (type !== 'NON_GCP_PRIVATE_IP_PORT' && e.instance === undefined) {
            problems.push({
              prop: `${prop}.networkEndpoints.${key}.endpoints[${i}].instance`,
              message: `${type} endpoints name the VM instance that holds ${e.ipAddress}`,
            });
          }
        });
      }
    }
  }
  return problems;
}

/** GCP names have at most 63 characters; Pulumi's autonaming appends '-' and 7 random characters. */
const MAX_LOGICAL_NAME = 55;

/** Every plan id that becomes a resource name (`<component>-<id>`, then Pulumi's 8-character random suffix). */
function longestResourceId(plan: GcpPlan): string {
  const ids = [
    ...plan.addresses,
    ...plan.healthChecks,
    ...plan.backendServices,
    ...plan.securityPolicies,
    ...plan.sslPolicies,
    ...plan.mtlsPolicies,
    ...plan.urlMaps,
    ...plan.proxies,
    ...plan.forwardingRules,
    ...plan.firewalls,
  ].map((x) => x.id);
  return ids.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * A warning when the component's longest resource name may outgrow GCP's 63 characters. The names span the
 * plan's targets; the warning names the first.
 */
export function resourceNameWarnings(component: string, plan: GcpPlan): CapabilityDiagnostic[] {
  const longest = `${component}-${longestResourceId(plan)}`;
  if (longest.length <= MAX_LOGICAL_NAME || !plan.targets.length) return [];
  return [
    {
      severity: 'warning',
      target: plan.targets[0].target,
      feature: 'range',
      level: 'range',
      path: '',
      message: `resource name '${longest}' has ${longest.length} characters: with Pulumi's 8-character suffix it may exceed GCP's 63; use a shorter component, pool or frontend name`,
    },
  ];
}

/** Every problem of the placement, each naming the prop it concerns. */
export function placementProblems(model: LoadBalancerModel, plan: GcpPlan, props: GcpPlacement): PlacementProblem[] {
  const problems: PlacementFinding[] = [];
  const internal = model.scheme === 'internal';
  // `global` places L7 frontends only: without any, it asks nothing of an internal load balancer.
  if (props.global === true && internal && plan.urlMaps.length)
    problems.push({
      prop: 'global',
      message: 'internal Application Load Balancers are regional here (cross-region internal load balancers are not built by lbkit)',
    });
  for (const name of Object.keys(props.networkLoadBalancers ?? {})) {
    if (!model.frontends.some((f) => f.name === name && f.layer === 'l4'))
      problems.push({ prop: `networkLoadBalancers.${name}`, message: `the spec has no tcp, tls or udp frontend '${name}'` });
  }
  const regional = plan.backendServices.some((s) => s.regional) || plan.addresses.some((a) => a.regional);
  if (regional && props.region === undefined)
    problems.push({ prop: 'region', message: 'regional load balancers (Network LBs, regional or internal Application LBs) need a region' });
  const firewalls = plan.firewalls.length > 0 && props.firewall?.create !== false;
  const negs = Object.values(props.bindings ?? {}).some((b) => 'networkEndpoints' in b);
  const needsNetwork = firewalls || negs || plan.needsProxyOnlySubnet || plan.forwardingRules.some((r) => r.internal);
  if (needsNetwork && props.network === undefined) {
    problems.push({
      prop: 'network',
      message: `the VPC network is needed for ${[firewalls && 'firewall rules', negs && 'network endpoint groups', plan.needsProxyOnlySubnet && 'regional proxies', plan.forwardingRules.some((r) => r.internal) && 'internal forwarding rules'].filter(Boolean).join(', ')}`,
    });
  }
  for (const a of plan.alertPolicies)
    if (a.notify !== undefined && props.notificationChannels?.[a.notify] === undefined)
      problems.push({ prop: `notificationChannels.${a.notify}`, message: `alarm '${a.name}' notifies '${a.notify}': give its notification channel` });
  const v6Passthrough = plan.forwardingRules.some((r) => r.flavor === 'passthrough' && r.ipVersion === 'IPV6');
  if ((internal || v6Passthrough) && props.subnetwork === undefined) {
    problems.push({
      prop: 'subnetwork',
      message: internal ? 'internal forwarding rules take their address from a subnetwork' : 'IPv6 passthrough forwarding rules need a dual-stack subnetwork',
    });
  }
  if (plan.needsProxyOnlySubnet && !props.proxyOnlySubnet) {
    problems.push({
      prop: 'proxyOnlySubnet',
      message: "regional Application and proxy Network Load Balancers need the region's proxy-only subnet: give its ipCidrRange (create: false when it exists)",
    });
  }
  problems.push(...certificateProblems(model, plan, props));
  for (const store of [...new Set(plan.mtlsPolicies.map((p) => p.trustStore))]) {
    if (!props.trustStores?.[store])
      problems.push({ prop: `trustStores.${store}`, message: `mutual TLS needs trust store '${store}': caCertificates or an existing trustConfig` });
  }
  problems.push(...bindingProblems(model, plan, props));
  return problems.map((p) => ({ code: 'LBKIT_GCP_PLACEMENT', path: p.prop, ...p }));
}

/** What GCP does differently because of the placement: serverless pools are not health-checked. */
export function placementWarnings(model: LoadBalancerModel, plan: GcpPlan, props: GcpPlacement): CapabilityDiagnostic[] {
  // Serverless NEGs serve Application Load Balancers only (else a placement problem), so the ALB is the target.
  const alb = plan.targets.find((t) => t.target === 'gcp-alb-global' || t.target === 'gcp-alb-regional');
  if (!alb) return [];
  return model.pools
    .filter((pool) => {
      const b = props.bindings?.[pool.name];
      return b !== undefined && 'serverless' in b && plan.backendServices.some((s) => s.pool === pool.name);
    })
    .map((pool): CapabilityDiagnostic => ({
      severity: 'warning',
      target: alb.target,
      feature: `pool.health.${pool.healthCheck.protocol}`,
      level: 'nearest',
      path: `${pool.path}.healthCheck`,
      message: `pool '${pool.name}': GCP does not health-check serverless NEGs; its healthCheck is not applied`,
    }));
}
