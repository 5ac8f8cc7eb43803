/**
 * Alert policies (plan/alerts.ts) as monitoring.AlertPolicy, and e-mail notification channels the placement
 * asks for. Filters name the load balancer's own URL maps (resource label url_map_name) and, for an alarm on a
 * pool, its backend services (backend_target_name): resources here are referred to by self link, whose last
 * segment is the resource name; a rate-limited alarm names the load balancer's Cloud Armor policies
 * (policy_name). Filter syntax (`one_of`): https://cloud.google.com/monitoring/api/v3/filters.
 */
import * as monitoring from '@pulumi/gcp/monitoring';
import * as pulumi from '@pulumi/pulumi';
import type { AlertPolicyPlan, AlertSeriesPlan } from '../plan/types';
import { lookup, type RenderContext } from './context';

type Ids = ReadonlyMap<string, pulumi.Output<string>>;

const nameOf = (selfLink: pulumi.Output<string>): pulumi.Output<string> => selfLink.apply((l) => l.split('/').pop()!);
const quoted = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ');

/**
 * The Monitoring filter of one series on the named URL maps (and backend services), or, for Cloud Armor's
 * network_security_policy series, on the named security policies.
 */
export function seriesFilter(
  series: AlertSeriesPlan,
  urlMaps: readonly string[],
  backendServices: readonly string[],
  securityPolicies: readonly string[] = [],
): string {
  const resources = securityPolicies.length
    ? [`resource.labels.policy_name = one_of(${quoted(securityPolicies)})`]
    : [
        `resource.labels.url_map_name = one_of(${quoted(urlMaps)})`,
        ...(backendServices.length ? [`resource.labels.backend_target_name = one_of(${quoted(backendServices)})`] : []),
      ];
  return [`metric.type = "${series.metricType}"`, `resource.type = "${series.resourceType}"`, ...resources, ...series.labels].join(' AND ');
}

function aggregation(a: AlertPolicyPlan) {
  return [{ alignmentPeriod: `${a.alignmentPeriodSec}s`, perSeriesAligner: a.aligner, ...(a.reducer ? { crossSeriesReducer: a.reducer } : {}) }];
}

/** Notification channel ids by logical name: existing ones as given, e-mail ones created here. */
export function renderNotificationChannels(ctx: RenderContext): Map<string, pulumi.Input<string>> {
  const out = new Map<string, pulumi.Input<string>>();
  const used = new Set(ctx.plan.alertPolicies.flatMap((a) => (a.notify !== undefined ? [a.notify] : [])));
  for (const [name, channel] of Object.entries(ctx.props.notificationChannels ?? {})) {
    if (!used.has(name)) continue;
    if ('channel' in channel) out.set(name, channel.channel);
    else {
      const created = new monitoring.NotificationChannel(
        ctx.name(`notify-${name}`),
        {
          ...(ctx.common.project !== undefined ? { project: ctx.common.project } : {}),
          displayName: `lbkit ${ctx.plan.name}: ${name}`,
          type: 'email',
          labels: { email_address: channel.email },
          userLabels: ctx.labels,
        },
        ctx.opts(),
      );
      // name: projects/<p>/notificationChannels/<id>, what AlertPolicy.notificationChannels takes.
      out.set(name, created.name);
    }
  }
  return out;
}

export function renderAlertPolicies(
  ctx: RenderContext,
  refs: { readonly urlMaps: Ids; readonly services: Ids; readonly securityPolicies: Ids },
): Map<string, pulumi.Output<string>> {
  const channels = renderNotificationChannels(ctx);
  const out = new Map<string, pulumi.Output<string>>();
  for (const a of ctx.plan.alertPolicies) {
    const names = pulumi.all([
      pulumi.all(a.urlMaps.map((id) => nameOf(lookup(refs.urlMaps, id)))),
      pulumi.all(a.backendServices.map((id) => nameOf(lookup(refs.services, id)))),
      pulumi.all(a.securityPolicies.map((id) => nameOf(lookup(refs.securityPolicies, id)))),
    ]);
    const policy = new monitoring.AlertPolicy(
      ctx.name(a.id),
      {
        ...(ctx.common.project !== undefined ? { project: ctx.common.project } : {}),
        displayName: `lbkit ${ctx.plan.name}: ${a.name}`,
        combiner: 'OR',
        documentation: { content: a.description, mimeType: 'text/markdown' },
        userLabels: ctx.labels,
        conditions: [
          {
            displayName: a.description,
            conditionThreshold: {
              filter: names.apply(([maps, services, policies]) => seriesFilter(a.series, maps, services, policies)),
              aggregations: aggregation(a),
              ...(a.denominator
                ? {
                    denominatorFilter: names.apply(([maps, services, policies]) => seriesFilter(a.denominator!, maps, services, policies)),
                    denominatorAggregations: aggregation(a),
                  }
                : {}),
              comparison: a.comparison,
              thresholdValue: a.threshold,
              duration: `${a.durationSec}s`,
              // A period without requests has no point: it neither fires nor resolves the alarm.
              evaluationMissingData: 'EVALUATION_MISSING_DATA_INACTIVE',
            },
          },
        ],
        ...(a.notify !== undefined ? { notificationChannels: [lookup(channels, a.notify)] } : {}),
      },
      ctx.opts(),
    );
    out.set(a.id, policy.name);
  }
  return out;
}
