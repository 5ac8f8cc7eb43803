/** What the local load balancer reports as it runs (`lb.on('event', ...)`); the demo and tests watch these. */

export type LocalEvent =
  /** Active health: the member crossed a threshold; `probes` is the streak that decided it, `detail` the last failure. */
  | { readonly type: 'member-unhealthy'; readonly pool: string; readonly member: string; readonly probes: number; readonly detail?: string }
  | { readonly type: 'member-healthy'; readonly pool: string; readonly member: string; readonly probes: number }
  /** Passive health: ejected after `failures` consecutive failures, until `until` (epoch ms). */
  | { readonly type: 'member-ejected'; readonly pool: string; readonly member: string; readonly failures: number; readonly until: number }
  | { readonly type: 'member-restored'; readonly pool: string; readonly member: string }
  | { readonly type: 'member-draining'; readonly pool: string; readonly member: string }
  | { readonly type: 'member-undrained'; readonly pool: string; readonly member: string }
  /** Draining ended: every request finished, or `cut` connections were closed at the deadline. */
  | { readonly type: 'member-drained'; readonly pool: string; readonly member: string; readonly cut: number }
  /** Bad input refused (and counted); `reason` is a stable code such as 'smuggling' or 'header-timeout'. */
  | { readonly type: 'bad-request'; readonly frontend: string; readonly reason: string; readonly status: number }
  /** An alarm of the spec changed state (admin/alarms.ts); `value` is the metric in the period that decided it. */
  | {
      readonly type: 'alarm';
      readonly alarm: string;
      readonly state: 'ok' | 'alarm';
      readonly metric: string;
      readonly value: number | null;
      readonly threshold: number;
      readonly notify?: string;
    }
  /** A bug: the proxy itself failed on a request (answered 500 and counted as reason 'internal-error'). Please report it. */
  | { readonly type: 'internal-error'; readonly frontend: string; readonly message: string };

export type EmitEvent = (event: LocalEvent) => void;
