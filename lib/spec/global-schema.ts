/**
 * The global spec: one host name answered by several regional lbkit load balancers (DNS steering or anycast),
 * a top-level kind of its own (`kind: global`) beside the LoadBalancer spec (schema.ts), in the same style: the
 * one source of its TypeScript types, its runtime validation and its JSON Schema. Cross-field rules (region
 * references, unique priorities, host names inside the zone) live in global-semantic.ts; defaults in
 * lib/model/global-defaults.ts, documented here with `@default`, never applied here.
 *
 * DNS for ONE load balancer is the same kind with one region and no steering: the host names resolve to it.
 */
import { z } from 'zod';
import { NAME_PATTERN } from './schema';

const name = (what: string) =>
  z.string().regex(NAME_PATTERN, {
    message: `${what} must be 1-32 characters of a-z, 0-9 and '-', starting with a letter and not ending with '-'`,
  });

const LABELS = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const dnsName = z
  .string()
  .max(253)
  .regex(new RegExp(`^${LABELS}$`), { message: "must be a DNS name such as 'www.example.com' (no wildcard, no trailing dot)" });

/** Continent codes as Route 53 and the GeoIP databases use them. */
export const CONTINENTS = ['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'] as const;
const continent = z.enum(CONTINENTS);
const country = z.string().regex(/^[A-Z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 country code such as 'DE'" });
const subdivision = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { message: "must be an ISO 3166-2 subdivision code such as 'US-CA'" });

export const DELIVERIES = ['dns', 'anycast'] as const;
export const STEERING_POLICIES = ['latency', 'geo', 'failover', 'weighted'] as const;

export const locationSchema = z
  .strictObject({
    continent: continent.meta({ description: 'Continent code (AF, AN, AS, EU, NA, OC, SA).' }),
    country: country.optional().meta({ description: 'ISO 3166-1 alpha-2 country code. @default none (the continent only)' }),
    subdivision: subdivision.optional().meta({ description: "ISO 3166-2 subdivision such as 'US-CA' (Route 53: US states only). @default none" }),
  })
  .meta({ description: 'A place on the map: where a region runs, or where a client is.' });

export const geoMatchSchema = z
  .strictObject({
    continents: z.array(continent).min(1).optional().meta({ description: 'Clients on these continents. @default none' }),
    countries: z.array(country).min(1).optional().meta({ description: 'Clients in these countries (more specific than a continent). @default none' }),
    subdivisions: z.array(subdivision).min(1).optional().meta({ description: 'Clients in these subdivisions (most specific). @default none' }),
  })
  .meta({ description: 'The clients a region serves under geo steering; the most specific match wins.' });

export const regionSchema = z
  .strictObject({
    name: name('region name').meta({
      description:
        "The region's name; every id derived for it (record set ids, health checks, endpoint groups) comes from it, so adding a region renames nothing.",
    }),
    loadBalancer: z
      .strictObject({
        specFile: z
          .string()
          .min(1)
          .meta({ description: 'The lbkit LoadBalancer spec this region runs (.yaml, .yml or .json), relative to the global spec file.' }),
        frontend: name('frontend name')
          .optional()
          .meta({ description: "The frontend the host name points at. @default the load balancer's only frontend (required when it has several)" }),
      })
      .meta({
        description:
          'The regional lbkit load balancer. Where it is deployed (cloud region, the deployed resource) is placement, given to the construct or component.',
      }),
    location: locationSchema.meta({ description: 'Where the region runs; latency steering and the local emulation measure clients against it.' }),
    geo: geoMatchSchema
      .optional()
      .meta({ description: 'geo steering: the clients this region serves. @default none (only the default region serves unmatched clients)' }),
    priority: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'failover steering: 1 is the primary; the healthy region with the lowest number answers. Required under failover.' }),
    weight: z
      .number()
      .int()
      .min(0)
      .max(255)
      .optional()
      .meta({ description: 'weighted steering: share of answers, 0-255 (0: only when every weighted region is unhealthy). @default 1' }),
  })
  .meta({ description: 'One region: an lbkit load balancer that answers for the host name.' });

export const steeringSchema = z
  .discriminatedUnion('policy', [
    z.strictObject({ policy: z.literal('latency').meta({ description: 'The healthy region nearest the client (lowest latency) answers.' }) }),
    z.strictObject({
      policy: z.literal('geo').meta({ description: 'The healthy region whose `geo` matches the client most specifically answers; else `default`.' }),
      default: name('region name').meta({
        description: 'The region that answers clients no region matches (and matched clients whose regions are unhealthy).',
      }),
    }),
    z.strictObject({ policy: z.literal('failover').meta({ description: 'The healthy region with the lowest `priority` answers.' }) }),
    z.strictObject({ policy: z.literal('weighted').meta({ description: 'A healthy region drawn in proportion to its `weight` answers each query.' }) }),
  ])
  .meta({ description: 'How a region is chosen for a client. @default none with one region (a plain record); required with several' });

export const globalHealthCheckSchema = z
  .strictObject({
    protocol: z.enum(['http', 'https', 'tcp']).optional().meta({ description: "@default the frontend's protocol (http or https), tcp for L4 frontends" }),
    port: z.number().int().min(1).max(65535).optional().meta({ description: "@default the frontend's port" }),
    path: z
      .string()
      .regex(/^\//, { message: "a health check path starts with '/'" })
      .max(255)
      .optional()
      .meta({ description: 'http and https only. @default /' }),
    intervalSeconds: z.number().int().min(1).max(300).optional().meta({ description: '@default 30' }),
    timeoutSeconds: z.number().int().min(1).max(60).optional().meta({ description: '@default 5' }),
    healthyThreshold: z.number().int().min(1).max(10).optional().meta({ description: 'Consecutive successes before a region is healthy again. @default 3' }),
    unhealthyThreshold: z.number().int().min(1).max(10).optional().meta({ description: 'Consecutive failures before a region is unhealthy. @default 3' }),
    evaluateTargetHealth: z.boolean().optional().meta({
      description:
        "A region is also unhealthy when its load balancer reports no healthy member behind the frontend (Route 53 'evaluate target health'). @default true",
    }),
  })
  .meta({ description: "How each region is probed from outside, through its frontend. @default every field's default" });

export const globalSpecSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Editor hint; ignored.' }),
    kind: z.literal('global').meta({ description: "Always 'global': tells a global spec from a LoadBalancer spec." }),
    name: name('global name'),
    hostNames: z.array(dnsName).min(1).max(20).meta({ description: 'The names clients resolve; each inside `zone`.' }),
    zone: dnsName.meta({ description: "The DNS zone that holds the records, such as 'example.com'. Which hosted zone or managed zone it is, is placement." }),
    delivery: z.enum(DELIVERIES).optional().meta({
      description:
        "'dns': the name resolves to the chosen region's address; 'anycast': it resolves to one global address and the edge picks the region per connection. @default dns",
    }),
    ttlSeconds: z.number().int().min(0).max(86400).optional().meta({ description: 'How long resolvers may cache an answer (dns delivery). @default 60' }),
    steering: steeringSchema.optional(),
    healthCheck: globalHealthCheckSchema.optional(),
    whenAllUnhealthy: z.enum(['fail-open', 'fail-closed']).optional().meta({
      description: "With every region unhealthy: 'fail-open' steers as though every region were healthy; 'fail-closed' answers no address. @default fail-open",
    }),
    regions: z.array(regionSchema).min(1).max(50),
    strict: z.boolean().optional().meta({ description: 'Reject features a target can only approximate or cannot express. @default true' }),
    allowNearest: z
      .array(z.string().regex(/^(?:[a-z0-9-]+:)?[a-z0-9.-]+$/, { message: "must be '<feature>' or '<target>:<feature>'" }))
      .optional()
      .meta({ description: 'Features whose nearest mapping you accept while strict. @default none' }),
    tags: z
      .record(z.string().regex(/^[A-Za-z0-9 _.:/=+@-]{1,128}$/, { message: 'tag keys are 1-128 letters, digits and _.:/=+-@' }), z.string().max(256))
      .optional(),
  })
  .meta({ description: 'A global spec: one host name, several regional lbkit load balancers, steering and health.' });

export type GlobalSpec = z.input<typeof globalSpecSchema>;
export type RegionSpec = z.input<typeof regionSchema>;
export type SteeringSpec = z.input<typeof steeringSchema>;
export type GlobalHealthCheckSpec = z.input<typeof globalHealthCheckSchema>;
export type LocationSpec = z.input<typeof locationSchema>;
export type Continent = (typeof CONTINENTS)[number];
export type Delivery = (typeof DELIVERIES)[number];
export type SteeringPolicy = (typeof STEERING_POLICIES)[number];
