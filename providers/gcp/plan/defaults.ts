/**
 * GCP's own defaults for the fields a spec leaves out (SEMANTICS.md, "Target defaults": the GCP tables). The GCP
 * columns set nativeDefaults, so the plan emits no value for a field the spec did not write and these apply.
 * Sources: the Compute API's text as @google-cloud/compute 7.8.0 ships it (compute.proto, compute v1), and the
 * Terraform provider @pulumi/gcp 9.37 bridges (hashicorp/terraform-provider-google, google/services/compute).
 */
export const GCP_DEFAULTS = {
  /** compute v1 HealthCheck.checkIntervalSec, timeoutSec, healthyThreshold, unhealthyThreshold ("The default value is 5 seconds" / "2"). */
  healthCheck: { checkIntervalSec: 5, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 2 },
  /** compute v1 BackendService.timeoutSec ("The default is 30 seconds"): ALB response timeout, proxy NLB idle timeout. */
  backendServiceTimeoutSec: 30,
  /** terraform-provider-google resource_compute_(region_)backend_service connection_draining_timeout_sec `Default: 300`. */
  connectionDrainingTimeoutSec: 300,
  /** compute v1 TargetHttpProxy.httpKeepAliveTimeoutSec ("a default value (610 seconds)"); regional: 600 s (@pulumi/gcp RegionTargetHttpProxyArgs). */
  keepAliveSec: { global: 610, regional: 600 },
  /** compute v1 BackendServiceConnectionTrackingPolicy.idleTimeoutSec: internal "The minimum (default) is 10 minutes", external 60 s. */
  passthroughIdleSec: { internal: 600, external: 60 },
} as const;
