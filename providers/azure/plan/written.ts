/**
 * Whether the spec wrote a field (model.given): a field it left out compiles to Azure's own default, not lbkit's
 * (the columns set nativeDefaults). A model without `given` was built by hand: everything in it counts as written.
 */
export { written } from '../../../lib/model/targets';

/** Azure's own defaults for fields a spec leaves out (SEMANTICS.md, "Target defaults: Azure"). */
export const AZURE_DEFAULTS = {
  /** https://learn.microsoft.com/azure/application-gateway/application-gateway-probe-overview (default probe: 30 s interval, 30 s timeout, 3 failures) */
  agwProbe: { interval: 30, timeout: 30, unhealthyThreshold: 3 },
  /** https://learn.microsoft.com/azure/application-gateway/configuration-http-settings ("Request timeout": 20 s by default) */
  agwRequestTimeout: 20,
} as const;
