/**
 * The CloudFormation resource a registered @pulumi/aws 7.48 resource stands for: its type, and its inputs
 * under CloudFormation's property names. Both are documented shapes of the same API calls (Route 53
 * CreateHealthCheck / ChangeResourceRecordSets, Global Accelerator CreateAccelerator / CreateListener /
 * CreateEndpointGroup), so a Pulumi resource that deploys carries, once renamed, the properties of the
 * CloudFormation resource that does. An input the table does not know keeps its own name, so that it differs.
 *
 * SOURCE: @pulumi/aws 7.48 route53.HealthCheckArgs, route53.RecordArgs (aliases, *RoutingPolicies),
 * globalaccelerator.AcceleratorArgs, ListenerArgs, EndpointGroupArgs; CloudFormation's AWS::Route53::HealthCheck
 * (HealthCheckConfig, HealthCheckTags), AWS::Route53::RecordSet, AWS::GlobalAccelerator::Accelerator, ::Listener,
 * ::EndpointGroup (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_Route53.html,
 * .../AWS_GlobalAccelerator.html), checked 2026-12-02.
 */
type Json = Record<string, any>;

const rename = (value: Json, names: Readonly<Record<string, string>>): Json =>
  Object.fromEntries(Object.entries(value).map(([k, v]) => [names[k] ?? `?${k}`, v]));
const tagList = (tags: Json | undefined) => (tags ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined);
const defined = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
/** A one-item list of a routing policy block (Pulumi) is one property (CloudFormation). */
const only = (list: Json[] | undefined): any => (list?.length === 1 ? list[0] : list);

export interface Mapped {
  readonly Type: string;
  readonly Properties: Json;
}

const MAPPERS: Readonly<Record<string, (i: Json) => Mapped>> = {
  'aws:route53/healthCheck:HealthCheck': ({ tags, ...config }) => ({
    Type: 'AWS::Route53::HealthCheck',
    Properties: defined({
      HealthCheckConfig: rename(config, {
        type: 'Type',
        fqdn: 'FullyQualifiedDomainName',
        port: 'Port',
        resourcePath: 'ResourcePath',
        requestInterval: 'RequestInterval',
        failureThreshold: 'FailureThreshold',
        enableSni: 'EnableSNI',
      }),
      HealthCheckTags: tagList(tags),
    }),
  }),
  'aws:route53/record:Record': ({
    aliases,
    latencyRoutingPolicies,
    failoverRoutingPolicies,
    weightedRoutingPolicies,
    geolocationRoutingPolicies,
    name,
    ...rest
  }) => ({
    Type: 'AWS::Route53::RecordSet',
    Properties: defined({
      ...rename(rest, {
        zoneId: 'HostedZoneId',
        type: 'Type',
        setIdentifier: 'SetIdentifier',
        healthCheckId: 'HealthCheckId',
        ttl: 'TTL',
        records: 'ResourceRecords',
      }),
      // Route 53 reads a name with or without its final dot as the same name (ChangeResourceRecordSets, Name).
      Name: typeof name === 'string' && !name.endsWith('.') ? `${name}.` : name,
      AliasTarget: aliases ? rename(only(aliases), { name: 'DNSName', zoneId: 'HostedZoneId', evaluateTargetHealth: 'EvaluateTargetHealth' }) : undefined,
      Region: only(latencyRoutingPolicies)?.region,
      Failover: only(failoverRoutingPolicies)?.type,
      Weight: only(weightedRoutingPolicies)?.weight,
      GeoLocation: geolocationRoutingPolicies
        ? rename(only(geolocationRoutingPolicies), { continent: 'ContinentCode', country: 'CountryCode', subdivision: 'SubdivisionCode' })
        : undefined,
    }),
  }),
  'aws:globalaccelerator/accelerator:Accelerator': ({ tags, ...rest }) => ({
    Type: 'AWS::GlobalAccelerator::Accelerator',
    Properties: defined({ ...rename(rest, { name: 'Name', enabled: 'Enabled', ipAddressType: 'IpAddressType' }), Tags: tagList(tags) }),
  }),
  'aws:globalaccelerator/listener:Listener': ({ portRanges, ...rest }) => ({
    Type: 'AWS::GlobalAccelerator::Listener',
    Properties: defined({
      ...rename(rest, { acceleratorArn: 'AcceleratorArn', protocol: 'Protocol', clientAffinity: 'ClientAffinity' }),
      PortRanges: (portRanges as Json[] | undefined)?.map((p) => rename(p, { fromPort: 'FromPort', toPort: 'ToPort' })),
    }),
  }),
  'aws:globalaccelerator/endpointGroup:EndpointGroup': ({ endpointConfigurations, ...rest }) => ({
    Type: 'AWS::GlobalAccelerator::EndpointGroup',
    Properties: defined({
      ...rename(rest, { listenerArn: 'ListenerArn', endpointGroupRegion: 'EndpointGroupRegion', trafficDialPercentage: 'TrafficDialPercentage' }),
      EndpointConfigurations: (endpointConfigurations as Json[] | undefined)?.map((e) =>
        rename(e, { endpointId: 'EndpointId', clientIpPreservationEnabled: 'ClientIPPreservationEnabled', weight: 'Weight' }),
      ),
    }),
  }),
};

/** The CloudFormation resource of a Pulumi resource; undefined for a type with no mapping (a component). */
export function toCfn(type: string, inputs: Json): Mapped | undefined {
  return MAPPERS[type]?.(inputs);
}
export const MAPPED_TYPES = Object.keys(MAPPERS);
