/**
 * The provider-neutral LoadBalancer spec: the one source of its TypeScript types, its runtime validation and
 * its JSON Schema.
 *
 * Everything here is structural (types, ranges, patterns, required and unknown fields) and so maps 1:1 to
 * JSON Schema: an editor using `lbkit schema` accepts exactly what `validateSpec` accepts structurally.
 * Cross-field rules (references, duplicates, timeout below interval, CIDR and regex parsing) live in
 * `semantic.ts`. Defaults are applied in one place only, the model (`lib/model/defaults.ts`); the schema
 * records them in `@default` doc comments and JSON Schema descriptions, never applies them.
 */
import { z } from 'zod';
import { SPEC_LIMITS } from './limits';

/**
 * A name: 1-32 characters, lower-case letters, digits and '-', starting with a letter. Fits every cloud's id
 * rules. 'constructor' and 'prototype' are refused: names become keys of lookup tables in every backend.
 */
export const NAME_PATTERN = /^(?!(?:constructor|prototype)$)[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const name = (what: string) =>
  z.string().regex(NAME_PATTERN, {
    message: `${what} must be 1-32 characters of a-z, 0-9 and '-', starting with a letter and not ending with '-' (and not 'constructor' or 'prototype')`,
  });

/** Control characters (C0, DEL, C1) and U+FFFD, which stands for bytes that were not UTF-8. */
// eslint-disable-next-line no-control-regex
const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f\ufffd]*$/;
// eslint-disable-next-line no-control-regex
const PRINTABLE_MULTILINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]*$/;
/** Free text of at most `max` characters: no control characters, no U+FFFD. */
/** A string of at most `max` characters that `pattern` matches, refused with `message` otherwise. */
const patterned = (max: number, pattern: RegExp, message: string) => z.string().max(max).regex(pattern, { message });
const text = (max: number) => z.string().max(max).regex(PRINTABLE, { message: 'must not contain control characters or U+FFFD (bytes that were not UTF-8)' });
/** Free text that may span lines (tab, CR and LF allowed), such as a response body. */
const multilineText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(PRINTABLE_MULTILINE, { message: 'must not contain control characters other than tab and line breaks, nor U+FFFD (bytes that were not UTF-8)' });
/** A list of at most `max` entries. */
const list = <T extends z.ZodType>(item: T, max: number = SPEC_LIMITS.listEntries) => z.array(item).max(max);

const port = z.number().int().min(1).max(65535);
/**
 * An IPv4 or IPv6 CIDR block; the pattern is a first check, `semantic.ts` parses it exactly. The longest
 * form is 49 characters (an IPv6 address with an embedded IPv4 one, then /128).
 */
const cidr = z
  .string()
  .max(49)
  .regex(/^[0-9a-fA-F:.]+\/[0-9]{1,3}$/, { message: 'must be a CIDR block such as 10.0.0.0/8 or 2001:db8::/32' });
/** DNS labels: 1-63 letters, digits and '-', not starting or ending with '-' (RFC 1035 2.3.1, RFC 1123 2.1). */
const LABELS = '(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/**
 * A host name of at most 253 characters (RFC 1035 2.3.4 allows 255 octets in wire form: 253 as text without
 * the trailing dot), optionally with a leading '*.' wildcard label. The length is checked first (lookahead),
 * so a long input fails in constant time.
 */
const hostPattern = new RegExp(`^(?=.{1,253}$)(\\*\\.)?${LABELS}$`);
/** A host name without wildcard. */
const plainHostPattern = new RegExp(`^(?=.{1,253}$)${LABELS}$`);
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}$/, { message: 'must be an HTTP header name (RFC 9110 token, at most 40 characters)' });

/**
 * Exactly one of the listed keys must be present (plus the `always` keys, and any of the `optional` ones).
 * Expressed for JSON Schema by property counts.
 */
function exactlyOne<T extends z.ZodObject>(schema: T, keys: readonly string[], always: readonly string[] = [], optional: readonly string[] = []) {
  const count = always.length + 1;
  return schema
    .refine((value) => keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined).length === 1, {
      message: `needs exactly one of: ${keys.join(', ')}`,
    })
    .meta({ minProperties: count, maxProperties: count + optional.length });
}

/** Exact case for header and query values, by choice (issue 16); lbkit's default ignores case, as AWS does. */
const caseSensitive = (what: string) =>
  z
    .boolean()
    .optional()
    .meta({
      description: `Compare ${what} with exact case (as Gateway API and most proxies do). @default false: case is ignored`,
    });

// ---------------------------------------------------------------------------------------------------------
// Rules: match and action
// ---------------------------------------------------------------------------------------------------------

export const pathMatchSchema = exactlyOne(
  z.strictObject({
    exact: text(128)
      .regex(/^\//, { message: "an exact path starts with '/'" })
      .optional()
      .meta({ description: 'The whole path (without query) equals this value. Case-sensitive.' }),
    prefix: text(128)
      .regex(/^\//, { message: "a path prefix starts with '/'" })
      .optional()
      .meta({ description: "Segment prefix: '/api' matches '/api' and '/api/x', not '/apix'. Case-sensitive." }),
    regex: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .meta({ description: 'A regular expression (portable subset: no lookaround, no backreferences) that must match the whole path.' }),
    caseSensitive: z.boolean().optional().meta({
      description:
        'Compare exact and prefix with exact case. false: case is ignored, as Application Gateway compares paths (a regex compares as written). @default true',
    }),
  }),
  ['exact', 'prefix', 'regex'],
  [],
  ['caseSensitive'],
).meta({ description: 'One path condition value: exact, prefix (whole segments) or regex (whole path).' });

export const headerMatchSchema = exactlyOne(
  z.strictObject({
    name: headerName.meta({ description: 'Header name; compared case-insensitively.' }),
    exact: text(128).optional().meta({ description: 'The value equals this, ignoring case.' }),
    prefix: text(128).min(1).optional().meta({ description: 'The value starts with this, ignoring case.' }),
    regex: z.string().min(1).max(128).optional().meta({ description: 'A regular expression that must match the whole value (case-sensitive).' }),
    present: z.literal(true).optional().meta({ description: 'The header is present, with any value.' }),
    caseSensitive: caseSensitive('the value of exact and prefix (the name always ignores case; regexes are case-sensitive anyway)'),
  }),
  ['exact', 'prefix', 'regex', 'present'],
  ['name'],
  ['caseSensitive'],
).meta({ description: 'One header condition: the named header matches one way.' });

export const queryMatchSchema = exactlyOne(
  z.strictObject({
    name: text(128).min(1).meta({ description: 'Query parameter name; compared case-insensitively.' }),
    exact: text(128).optional().meta({ description: 'The parameter value equals this, ignoring case.' }),
    present: z.literal(true).optional().meta({ description: 'The parameter is present, with any value (also empty).' }),
    caseSensitive: caseSensitive('the parameter name and the exact value'),
  }),
  ['exact', 'present'],
  ['name'],
  ['caseSensitive'],
).meta({ description: 'One query-string condition.' });

/** A fully qualified protobuf service name ('pkg.v1.Service') and a method name: identifiers, as protoc allows them. */
const GRPC_SERVICE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const GRPC_METHOD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const grpcServiceName = patterned(
  120,
  GRPC_SERVICE_PATTERN,
  "must be a fully qualified gRPC service name such as 'shop.v1.Cart' (identifiers joined by '.')",
);

export const grpcMatchSchema = z
  .strictObject({
    service: grpcServiceName.meta({ description: "The fully qualified service, as in the proto file: 'package.Service'. Case-sensitive." }),
    method: patterned(120, GRPC_METHOD_PATTERN, "must be a gRPC method name such as 'GetCart'")
      .optional()
      .meta({ description: 'One method of the service. @default every method of the service' }),
  })
  .meta({ description: "One gRPC call condition. Underneath it is a path condition: exact '/<service>/<method>', or prefix '/<service>' without a method." });

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT'] as const;

export const ruleMatchSchema = z
  .strictObject({
    hosts: list(
      z.string().regex(hostPattern, {
        message: "must be a host name such as 'api.example.com' or '*.example.com' (no port; at most 253 characters, labels of at most 63)",
      }),
    )
      .min(1)
      .optional()
      .meta({ description: "Host names (exact, or '*.' wildcard matching one or more labels); case-insensitive; the port in Host is ignored." }),
    paths: list(pathMatchSchema).min(1).optional().meta({ description: 'Path conditions; any one may match.' }),
    grpc: list(grpcMatchSchema).min(1).optional().meta({
      description:
        'gRPC calls (service, and optionally method); any one may match. They are path conditions underneath, so a rule gives grpc or paths, not both.',
    }),
    headers: list(headerMatchSchema).min(1).optional().meta({ description: 'Header conditions; all must match.' }),
    query: list(queryMatchSchema).min(1).optional().meta({ description: 'Query-string conditions; all must match.' }),
    methods: list(z.enum(HTTP_METHODS)).min(1).optional().meta({ description: 'HTTP methods; any one may match (case-sensitive).' }),
    sourceCidrs: list(cidr).min(1).optional().meta({ description: "Client address ranges (the connection's source, not X-Forwarded-For); any one may match." }),
  })
  .meta({
    description:
      'Conditions of a rule: all given conditions must hold (AND); the values of one condition are alternatives (OR), except headers and query, where each entry must hold.',
  });

export const forwardActionSchema = z.strictObject({
  pool: name('pool').meta({ description: 'The pool that receives the request.' }),
});

export const weightedForwardActionSchema = z.strictObject({
  pools: list(
    z.strictObject({
      pool: name('pool'),
      weight: z.number().int().min(0).max(1000).meta({ description: 'Relative weight, 0-1000; 0 sends nothing.' }),
    }),
  )
    .min(1)
    .meta({ description: 'Pools and their weights; each receives weight/sum of the requests.' }),
  stickinessSeconds: z
    .number()
    .int()
    .min(1)
    .max(604800)
    .optional()
    .meta({ description: 'Group stickiness: a client stays on the pool it was sent to for this long. @default no stickiness' }),
});

export const REDIRECT_STATUS_CODES = [301, 302, 303, 307, 308] as const;
export const redirectActionSchema = z.strictObject({
  scheme: z.enum(['http', 'https']).optional().meta({ description: "@default the request's scheme" }),
  host: z
    .string()
    .regex(plainHostPattern, { message: 'must be a host name without port or wildcard (at most 253 characters, labels of at most 63)' })
    .optional()
    .meta({ description: "@default the request's host" }),
  port: port.optional().meta({ description: "@default the request's port (the scheme's default port when the scheme changes)" }),
  path: text(128).regex(/^\//, { message: "a redirect path starts with '/'" }).optional().meta({ description: "@default the request's path" }),
  pathPrefix: text(128).regex(/^\//, { message: "a redirect path prefix starts with '/'" }).optional().meta({
    description:
      "Replaces the matched path prefix (the rule's prefix conditions only), keeping the rest of the path; not with path. @default the request's path",
  }),
  query: text(128).optional().meta({ description: "The query without '?'; '' removes it. @default the request's query" }),
  statusCode: z
    .union(REDIRECT_STATUS_CODES.map((c) => z.literal(c)))
    .optional()
    .meta({ description: '@default 301' }),
});

export const FIXED_RESPONSE_CONTENT_TYPES = ['text/plain', 'text/css', 'text/html', 'application/javascript', 'application/json'] as const;
export const fixedResponseActionSchema = z.strictObject({
  statusCode: z.number().int().min(200).max(599),
  contentType: z.enum(FIXED_RESPONSE_CONTENT_TYPES).optional().meta({ description: '@default text/plain' }),
  body: multilineText(1024).optional().meta({ description: '@default empty' }),
  grpcStatus: z.number().int().min(0).max(16).optional().meta({
    description:
      "The gRPC status (0-16) a gRPC client gets (content-type application/grpc): HTTP 200 with grpc-status and the body as grpc-message. @default mapped from statusCode as gRPC's HTTP mapping does (400: 13, 401: 16, 403: 7, 404: 12, 429/502/503/504: 14, any other: 2)",
  }),
});

export const ACTION_KINDS = ['forward', 'weightedForward', 'redirect', 'fixedResponse'] as const;
export const actionSchema = exactlyOne(
  z.strictObject({
    forward: forwardActionSchema.optional(),
    weightedForward: weightedForwardActionSchema.optional(),
    redirect: redirectActionSchema.optional(),
    fixedResponse: fixedResponseActionSchema.optional(),
  }),
  ACTION_KINDS,
).meta({ description: 'What happens to a matching request: exactly one of forward, weightedForward, redirect, fixedResponse.' });

// Gateway-API-grade L7 (issue 16): header modifiers and URL rewrites of a rule (Gateway API HTTPRoute filters
// RequestHeaderModifier, ResponseHeaderModifier and URLRewrite).
export const headerFieldSchema = z.strictObject({
  name: headerName.meta({ description: 'Header name; compared case-insensitively.' }),
  value: text(256).meta({ description: 'The value, as sent (no control characters).' }),
});
export const headerModifierSchema = z
  .strictObject({
    set: list(headerFieldSchema)
      .min(1)
      .optional()
      .meta({ description: 'Each header is sent with exactly this value: every earlier occurrence is replaced. @default none' }),
    add: list(headerFieldSchema)
      .min(1)
      .optional()
      .meta({ description: "Each value is appended to the header's existing values (joined with ','), or the header is added. @default none" }),
    remove: list(headerName).min(1).optional().meta({ description: 'Every occurrence of these headers is removed. @default none' }),
  })
  .meta({ description: 'Set, add and remove header fields; a header name appears at most once across the three lists.' });

const rewritePath = (what: string) => text(128).regex(/^\//, { message: `${what} starts with '/'` });
export const urlRewriteSchema = z
  .strictObject({
    host: z
      .string()
      .regex(plainHostPattern, { message: 'must be a host name without port or wildcard (at most 253 characters, labels of at most 63)' })
      .optional()
      .meta({ description: "Host header the member receives. @default the request's host" }),
    path: exactlyOne(
      z.strictObject({
        full: rewritePath('a full path').optional().meta({ description: 'The path the member receives, whatever the request path was; the query is kept.' }),
        prefix: rewritePath('a prefix')
          .optional()
          .meta({ description: "Replaces the matched path prefix (the rule's prefix conditions only): '/api' -> '/v2' makes '/api/x' '/v2/x'." }),
      }),
      ['full', 'prefix'],
    )
      .optional()
      .meta({ description: "Rewrite the path before forwarding. @default the request's path" }),
  })
  .meta({ description: 'Rewrite the request before forwarding (forward and weightedForward actions only); routing saw the original.' });

// Timeouts and retries of a rule (issue 16; Gateway API HTTPRoute timeouts and retry).
export const ruleTimeoutsSchema = z
  .strictObject({
    requestSeconds: z.number().int().min(1).max(3600).optional().meta({
      description:
        "From the request's arrival to the end of the response; over it: 504, or the connection cut once the response started. @default none (the frontend's idle timeout still applies)",
    }),
    backendSeconds: z.number().int().min(1).max(3600).optional().meta({
      description:
        "Per attempt: from sending to a member to the member's response headers; over it the attempt fails (retried per retry, else 504). @default none",
    }),
  })
  .meta({ description: 'Request and per-attempt (backend) timeouts; backendSeconds at most requestSeconds.' });

export const retrySchema = z
  .strictObject({
    attempts: z.number().int().min(1).max(10).meta({ description: 'Retries after the first attempt, each on a member not tried yet.' }),
    statuses: list(z.number().int().min(500).max(599)).min(1).optional().meta({
      description:
        'Member response statuses that are retried (the response is discarded). @default none: only connection failures, resets and backend timeouts',
    }),
    methods: z.enum(['idempotent', 'all']).optional().meta({
      description:
        'Which requests are resent once they may have reached a member: idempotent methods (RFC 9110) or all. A request with a body is never resent once it was sent. @default idempotent',
    }),
  })
  .meta({
    description: 'Retry policy: connection failures and resets (as without a policy), backend timeouts and the listed statuses, up to attempts retries.',
  });

export const ruleSchema = z.strictObject({
  name: name('rule name').meta({ description: 'Unique within its frontend; ids derive from it, so renaming a rule replaces it.' }),
  match: ruleMatchSchema.optional().meta({ description: '@default matches every request' }),
  action: actionSchema,
  requestHeaders: headerModifierSchema
    .optional()
    .meta({ description: 'Header changes on the request before it is forwarded (forward and weightedForward actions). @default none' }),
  responseHeaders: headerModifierSchema
    .optional()
    .meta({ description: "Header changes on the member's response before it goes to the client (forward and weightedForward actions). @default none" }),
  rewrite: urlRewriteSchema.optional().meta({ description: 'Host and path rewrite before forwarding. @default none' }),
  timeouts: ruleTimeoutsSchema.optional().meta({ description: 'Forwarded requests only. @default none' }),
  retry: retrySchema
    .optional()
    .meta({ description: 'Forwarded requests only. @default retries of connection failures and resets, at most members + 1 attempts' }),
});

// ---------------------------------------------------------------------------------------------------------
// Frontends
// ---------------------------------------------------------------------------------------------------------

export const FRONTEND_PROTOCOLS = ['http', 'https', 'tcp', 'tls', 'udp'] as const;
/** How a frontend treats client certificates (mutual TLS): verify them, or forward them unverified. */
export const CLIENT_CERTIFICATE_MODES = ['verify', 'passthrough'] as const;

export const tlsSchema = z.strictObject({
  certificate: name('certificate').meta({ description: 'Logical certificate name; each backend maps it to a provider certificate (placement).' }),
  additionalCertificates: list(name('certificate')).optional().meta({ description: 'More certificates, chosen by SNI. @default none' }),
  minimumVersion: z.enum(['1.2', '1.3']).optional().meta({ description: '@default 1.2' }),
  clientCertificateTrust: z
    .strictObject({
      trustStore: name('trust store').meta({ description: 'Logical name of the CA bundle clients must chain to.' }),
      mode: z
        .enum(CLIENT_CERTIFICATE_MODES)
        .optional()
        .meta({ description: 'verify: reject clients without a valid certificate; passthrough: forward the certificate unverified. @default verify' }),
    })
    .optional()
    .meta({ description: 'Mutual TLS. @default off' }),
});

export const frontendSchema = z.strictObject({
  name: name('frontend name'),
  protocol: z.enum(FRONTEND_PROTOCOLS),
  port,
  hostnames: list(
    z.string().regex(hostPattern, {
      message: "must be a host name such as 'api.example.com' or '*.example.com' (no port; at most 253 characters, labels of at most 63)",
    }),
  )
    .min(1)
    .optional()
    .meta({
      description:
        "http and https only: the host names this frontend serves (Gateway API Listener.hostname, as a list): exact, or '*.' wildcard matching one or more labels but not the apex; case-insensitive. " +
        'Several http (or several https) frontends may share a port when their host names differ; a request is bound to one of them by TLS SNI, then Host: exact beats the longest wildcard beats the frontend without hostnames. @default every host name (the catch-all of its port)',
    }),
  tls: tlsSchema.optional().meta({ description: 'Required for https and tls, not allowed otherwise.' }),
  redirectHttpToHttps: z
    .union([
      z.boolean(),
      z.strictObject({
        port: port.optional().meta({ description: '@default 443' }),
        statusCode: z
          .union(REDIRECT_STATUS_CODES.map((c) => z.literal(c)))
          .optional()
          .meta({ description: '@default 301' }),
      }),
    ])
    .optional()
    .meta({ description: 'http frontends only: answer every request with a redirect to https. @default false' }),
  idleTimeoutSeconds: z.number().int().min(1).max(4000).optional().meta({ description: '@default 60' }),
  allowedSourceCidrs: list(cidr).min(1).optional().meta({ description: '@default everyone (0.0.0.0/0 and ::/0)' }),
  ruleOrder: z
    .enum(['first-match', 'most-specific'])
    .optional()
    .meta({ description: 'first-match: declaration order; most-specific: Gateway API precedence. @default first-match' }),
  rules: list(ruleSchema, SPEC_LIMITS.rulesPerFrontend).optional().meta({ description: 'L7 only. Ordered routing rules. @default none' }),
  defaultAction: actionSchema.optional().meta({ description: 'What a request that matches no rule gets. Required unless redirectHttpToHttps.' }),
  http2: z.boolean().optional().meta({
    description:
      'L7 only. HTTP/2 to clients beside HTTP/1.1: on https by ALPN (h2, falling back to http/1.1), on http by prior knowledge (h2c). gRPC clients need it. @default off in the local proxy; a cloud not told keeps its own default (ALB and GCP offer h2 on https, Application Gateway does not)',
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Pools
// ---------------------------------------------------------------------------------------------------------

/** grpc: gRPC over HTTP/2 in clear (h2c, prior knowledge); grpcs: gRPC over HTTP/2 in TLS (ALPN h2). */
export const POOL_PROTOCOLS = ['http', 'https', 'tcp', 'tls', 'udp', 'grpc', 'grpcs'] as const;
/** gRPC status codes and ranges, such as '0' or '0-2,5'. */
export const GRPC_STATUS_CODES_PATTERN = /^[0-9]{1,2}(-[0-9]{1,2})?(,[0-9]{1,2}(-[0-9]{1,2})?)*$/;
export const ALGORITHMS = ['round-robin', 'weighted-round-robin', 'least-connections', 'ip-hash', 'least-response-time', 'random'] as const;
export const SUCCESS_CODES_PATTERN = /^[1-5][0-9]{2}(-[1-5][0-9]{2})?(,[1-5][0-9]{2}(-[1-5][0-9]{2})?)*$/;

export const healthCheckSchema = z.strictObject({
  protocol: z.enum(['tcp', 'http', 'https', 'grpc']).optional().meta({
    description:
      'grpc: the gRPC health checking protocol (grpc.health.v1.Health/Check), in TLS for grpcs pools. @default http for http pools, https for https pools, grpc for grpc and grpcs pools, tcp otherwise',
  }),
  path: text(1024).regex(/^\//, { message: "a health-check path starts with '/'" }).optional().meta({ description: 'http/https probes only. @default /' }),
  port: port.optional().meta({ description: "@default the pool's port" }),
  intervalSeconds: z.number().int().min(1).max(300).optional().meta({ description: '@default 10' }),
  timeoutSeconds: z.number().int().min(1).max(120).optional().meta({ description: 'Must be below intervalSeconds. @default 5' }),
  healthyThreshold: z.number().int().min(1).max(10).optional().meta({ description: 'Consecutive successes that make a member healthy. @default 3' }),
  unhealthyThreshold: z.number().int().min(1).max(10).optional().meta({ description: 'Consecutive failures that make a member unhealthy. @default 3' }),
  successCodes: patterned(200, SUCCESS_CODES_PATTERN, "must be status codes and ranges such as '200' or '200-299,302'")
    .optional()
    .meta({ description: 'http/https probes only. @default 200' }),
  grpcService: z
    .union([z.literal(''), grpcServiceName])
    .optional()
    .meta({ description: "grpc probes only: the service the probe asks about; '' asks about the server as a whole. @default ''" }),
  grpcStatusCodes: patterned(100, GRPC_STATUS_CODES_PATTERN, "must be gRPC status codes and ranges such as '0' or '0-2,5'")
    .optional()
    .meta({ description: 'grpc probes only: the gRPC status codes of a healthy answer; an OK (0) answer must also say SERVING. @default 0' }),
});

export const passiveHealthCheckSchema = z.strictObject({
  consecutiveFailures: z.number().int().min(1).max(1000).optional().meta({ description: '@default 5' }),
  ejectionSeconds: z.number().int().min(1).max(3600).optional().meta({ description: '@default 30' }),
  maxEjectedPercent: z.number().int().min(0).max(100).optional().meta({ description: '@default 50' }),
});

export const sessionPersistenceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('lb-cookie'),
    durationSeconds: z.number().int().min(1).max(604800).optional().meta({ description: '@default 86400' }),
    sessionCookie: z.boolean().optional().meta({
      description:
        'A session cookie: no Max-Age, so the browser drops it when it closes (Gateway API lifetimeType Session); not with durationSeconds. @default false',
    }),
  }),
  z.strictObject({
    type: z.literal('app-cookie'),
    cookieName: z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, { message: 'must be a cookie name (RFC 6265 token)' }),
    durationSeconds: z.number().int().min(1).max(604800).optional().meta({ description: '@default 86400' }),
  }),
  z.strictObject({ type: z.literal('source-ip') }),
]);

// Retry budget of a pool (issue 16): Gateway API XBackendTrafficPolicy retryConstraint, with its defaults and ranges.
export const retryBudgetSchema = z
  .strictObject({
    percent: z.number().int().min(0).max(100).optional().meta({
      description:
        'Retries may make up at most this percentage of the attempts sent to the pool (first attempts and retries) within intervalSeconds. @default 20',
    }),
    intervalSeconds: z.number().int().min(1).max(3600).optional().meta({ description: 'The sliding window the percentage is counted over. @default 10' }),
    minRetryRate: z
      .strictObject({
        count: z.number().int().min(1).max(1_000_000).meta({ description: 'Retries allowed per intervalSeconds whatever the percentage says.' }),
        intervalSeconds: z.number().int().min(1).max(3600).meta({ description: 'The window of count.' }),
      })
      .optional()
      .meta({ description: 'A floor that lets a quiet pool retry at all. @default 10 retries per 1 second' }),
  })
  .meta({
    description:
      "Limits the retries (of every rule's retry policy, and of connection failures) that reach this pool; a retry over the budget is not sent and the client gets 503.",
  });

export const poolSchema = z.strictObject({
  name: name('pool name'),
  protocol: z.enum(POOL_PROTOCOLS),
  port: port.meta({ description: 'The port members serve on.' }),
  algorithm: z.enum(ALGORITHMS).optional().meta({ description: '@default round-robin for http/https pools, random for tcp/tls/udp pools' }),
  healthCheck: healthCheckSchema.optional().meta({ description: "Active probes. @default a probe per the fields' defaults (udp pools must give one)" }),
  passiveHealthCheck: passiveHealthCheckSchema.optional().meta({ description: 'Outlier ejection from live traffic. @default off' }),
  sessionPersistence: sessionPersistenceSchema.optional().meta({ description: '@default none' }),
  drainingSeconds: z.number().int().min(0).max(3600).optional().meta({ description: '@default 300' }),
  slowStartSeconds: z.number().int().min(0).max(900).optional().meta({ description: '0 turns it off. @default 0' }),
  whenAllUnhealthy: z.enum(['fail-open', 'fail-closed']).optional().meta({ description: '@default fail-open' }),
  retryBudget: retryBudgetSchema.optional().meta({ description: 'http, https, grpc and grpcs pools. @default no budget: every retry a policy allows is sent' }),
  http2: z.boolean().optional().meta({
    description:
      'http and https pools: HTTP/2 to members (h2c by prior knowledge on http, ALPN h2 on https). grpc and grpcs pools always speak HTTP/2. @default false',
  }),
});

// ---------------------------------------------------------------------------------------------------------
// Rate limits and the load balancer
// ---------------------------------------------------------------------------------------------------------

export const rateLimitSchema = z.strictObject({
  name: name('rate limit name'),
  limit: z.number().int().min(1).max(2_000_000_000).meta({ description: 'Requests allowed per key per window.' }),
  windowSeconds: z.number().int().min(1).max(86400),
  key: z
    .union([z.literal('client-ip'), z.strictObject({ header: headerName })])
    .optional()
    .meta({ description: "'client-ip' or { header: name }. @default client-ip" }),
  scope: exactlyOne(
    z.strictObject({
      frontends: list(name('frontend')).min(1).optional(),
      rules: list(
        z
          .string()
          .max(65)
          .regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, { message: "must be 'frontend/rule'" }),
      )
        .min(1)
        .optional(),
    }),
    ['frontends', 'rules'],
  )
    .optional()
    .meta({ description: "{ frontends: [...] } or { rules: ['frontend/rule'] }. @default every http/https frontend" }),
  responseStatus: z.number().int().min(400).max(599).optional().meta({ description: '@default 429' }),
});

// ---------------------------------------------------------------------------------------------------------
// Alarms and protection (operations)
// ---------------------------------------------------------------------------------------------------------

/**
 * What an alarm watches. Counts are per period; the ratio is 5xx responses over all responses (0-1);
 * latency is a percentile of the time to the response, in milliseconds; member counts are per pool.
 */
export const ALARM_METRICS = ['5xx-count', '5xx-ratio', 'latency', 'unhealthy-members', 'healthy-members', 'rejected-connections', 'rate-limited'] as const;
/** Periods every cloud's metric alerts accept (CloudWatch multiples of 60 s, Azure windowSize PT1M..PT1H, GCP alignment periods). */
export const ALARM_PERIODS = [60, 300, 900, 1800, 3600] as const;

export const alarmSchema = z.strictObject({
  name: name('alarm name').meta({ description: 'Unique among alarms; ids derive from it.' }),
  metric: z.enum(ALARM_METRICS).meta({
    description:
      "What is watched: '5xx-count' (5xx answers per period), '5xx-ratio' (5xx answers / all answers, 0-1), 'latency' (a percentile of the response time, ms), " +
      "'unhealthy-members' and 'healthy-members' (members of one pool), 'rejected-connections' (connections refused for capacity or by the source allow list), 'rate-limited' (requests refused by a rate limit or by protection).",
  }),
  threshold: z.number().min(0).max(2_000_000_000).meta({
    description:
      "The alarm fires when the metric is above this value (for 'healthy-members': below it, so 1 means 'no healthy member'). Unit: the metric's (count, ratio 0-1, ms, members).",
  }),
  percentile: z.number().min(1).max(99.9).optional().meta({ description: "'latency' only: the percentile watched. @default 99" }),
  pool: name('pool').optional().meta({
    description:
      "The pool watched. Required for 'unhealthy-members' and 'healthy-members'; for 'latency' and the 5xx metrics it narrows the alarm to that pool's responses. @default the whole load balancer",
  }),
  periodSeconds: z
    .union(ALARM_PERIODS.map((p) => z.literal(p)))
    .optional()
    .meta({ description: 'Length of one evaluation period: 60, 300, 900, 1800 or 3600 seconds. @default 60' }),
  evaluationPeriods: z
    .number()
    .int()
    .min(1)
    .max(10)
    .optional()
    .meta({ description: 'Consecutive periods the condition must hold before the alarm fires. @default 3' }),
  notify: name('notification').optional().meta({
    description:
      'Logical name of where a firing alarm is reported; each backend maps it (placement: an SNS topic, an action group, a notification channel). @default no notification (the alarm state only)',
  }),
});

/** Levels of a managed rule set: what each cloud's vendor-maintained rules cover at that level (SEMANTICS.md). */
export const MANAGED_RULE_LEVELS = ['baseline', 'strict'] as const;
/** ISO 3166-1 alpha-2 country code. */
const countryCode = z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code such as DE or US' });

export const protectionSchema = z
  .strictObject({
    frontends: list(name('frontend')).min(1).optional().meta({ description: 'The frontends protected. @default every http/https frontend' }),
    managedRules: z
      .strictObject({
        level: z.enum(MANAGED_RULE_LEVELS).meta({
          description:
            "'baseline': the vendor's core rule set (OWASP Top 10 classes); 'strict': the core set plus known-bad-input and SQL-injection sets at higher sensitivity.",
        }),
        mode: z
          .enum(['block', 'detect'])
          .optional()
          .meta({ description: 'block: matching requests get 403; detect: they are logged and counted only. @default block' }),
      })
      .optional()
      .meta({ description: 'A vendor-maintained rule set. @default none' }),
    ipAllow: list(cidr).min(1).optional().meta({ description: 'Only clients in these ranges are served; others get 403. @default everyone' }),
    ipDeny: list(cidr).min(1).optional().meta({ description: 'Clients in these ranges get 403 (checked before ipAllow). @default nobody' }),
    geo: exactlyOne(
      z.strictObject({
        allow: list(countryCode).min(1).optional().meta({ description: 'Only clients from these countries are served.' }),
        deny: list(countryCode).min(1).optional().meta({ description: 'Clients from these countries get 403.' }),
      }),
      ['allow', 'deny'],
    )
      .optional()
      .meta({ description: 'Country restriction by the client address: { allow: [...] } or { deny: [...] }. @default none' }),
    ddos: z.enum(['platform', 'advanced']).optional().meta({
      description:
        'platform: the always-on protection every cloud gives; advanced: the paid, tuned tier (AWS Shield Advanced, Azure DDoS Protection, Cloud Armor Adaptive Protection). @default platform',
    }),
  })
  .meta({ description: 'Protection against abuse in front of the frontends: managed rules, IP lists, countries, DDoS tier.' });

/**
 * What a per-target overlay may hold: any top-level field of the spec but `name` and `targets`, each partial. Its
 * values are checked when the merged spec is validated for the target (the same schema), so this only fixes
 * its outline.
 */
export const namedPartialSchema = z.looseObject({ name: z.string().max(200) });
export const overlaySchema = z
  .strictObject({
    scheme: z.enum(['external', 'internal']).optional(),
    ipAddressType: z.enum(['ipv4', 'dualstack']).optional(),
    deletionProtection: z.boolean().optional(),
    accessLogs: z.looseObject({}).nullable().optional(),
    tags: z.record(z.string(), z.string().nullable()).optional(),
    strict: z.boolean().optional(),
    allowNearest: list(z.string().max(200)).optional(),
    certificates: list(namedPartialSchema).optional(),
    trustStores: list(namedPartialSchema).optional(),
    frontends: list(namedPartialSchema, SPEC_LIMITS.frontends).optional(),
    pools: list(namedPartialSchema, SPEC_LIMITS.pools).optional(),
    rateLimits: list(namedPartialSchema).optional(),
    alarms: list(namedPartialSchema).optional(),
    protection: z.looseObject({}).nullable().optional(),
  })
  .meta({ description: 'Fields to change on one target: partial frontends, pools and rate limits by name; the rest of the spec stays as written.' });

export const loadBalancerSpecSchema = z.strictObject({
  $schema: text(2048).optional().meta({ description: 'Editor hint; ignored.' }),
  name: name('load balancer name'),
  scheme: z.enum(['external', 'internal']).optional().meta({ description: '@default external' }),
  ipAddressType: z.enum(['ipv4', 'dualstack']).optional().meta({ description: '@default ipv4' }),
  deletionProtection: z.boolean().optional().meta({ description: '@default false' }),
  accessLogs: z
    .strictObject({
      enabled: z.boolean().optional().meta({ description: '@default true' }),
      prefix: text(200).optional().meta({ description: '@default the load balancer name' }),
    })
    .optional()
    .meta({ description: 'Where logs go is placement (a bucket, a workspace); the spec only turns them on. @default off' }),
  tags: z
    .record(
      z.string().regex(/^(?!(?:constructor|prototype)$)[A-Za-z0-9 _.:/=+@-]{1,128}$/, {
        message: "tag keys are 1-128 letters, digits and _.:/=+-@ (and not 'constructor' or 'prototype')",
      }),
      text(256),
    )
    .refine((tags) => Object.keys(tags).length <= SPEC_LIMITS.listEntries, { message: `allows at most ${SPEC_LIMITS.listEntries} tags` })
    .meta({ maxProperties: SPEC_LIMITS.listEntries })
    .optional()
    .meta({ description: 'Tags (labels) for every resource lbkit creates: string values of at most 256 characters. @default none' }),
  strict: z.boolean().optional().meta({ description: 'Reject features a target can only approximate or cannot express. @default true' }),
  allowNearest: list(
    z
      .string()
      .max(200)
      .regex(/^(?:[a-z0-9-]+:)?[a-z0-9.-]+$/, { message: "must be '<feature>' or '<target>:<feature>', such as 'aws-alb:pool.algorithm.least-connections'" }),
  )
    .optional()
    .meta({ description: "Features whose nearest mapping you accept while strict: '<feature>' or '<target>:<feature>'. @default none" }),
  certificates: list(
    z.strictObject({
      name: name('certificate name').meta({ description: 'Logical name that tls.certificate refers to; each backend maps it to a provider certificate.' }),
      domains: list(
        z
          .string()
          .regex(hostPattern, { message: "must be a host name such as 'example.com' or '*.example.com' (at most 253 characters, labels of at most 63)" }),
      )
        .min(1)
        .optional()
        .meta({ description: 'Names the certificate covers: used for managed certificates (GCP) and the local self-signed one. @default none' }),
    }),
  )
    .optional()
    .meta({ description: 'Certificates the frontends use, by logical name. @default none' }),
  trustStores: list(
    z.strictObject({
      name: name('trust store name').meta({ description: 'Logical name of a CA bundle for mutual TLS; each backend maps it to a provider trust store.' }),
    }),
  )
    .optional()
    .meta({ description: 'CA bundles for client-certificate trust (mTLS). @default none' }),
  frontends: list(frontendSchema, SPEC_LIMITS.frontends).min(1),
  pools: list(poolSchema, SPEC_LIMITS.pools).optional().meta({ description: '@default none' }),
  rateLimits: list(rateLimitSchema).optional().meta({ description: '@default none' }),
  alarms: list(alarmSchema).optional().meta({ description: "Alarms on the load balancer's metrics; where notifications go is placement. @default none" }),
  protection: protectionSchema.optional().meta({ description: 'Managed rules, IP allow and deny lists, countries and the DDoS tier. @default none' }),
  targets: z
    .record(z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, { message: "must be a target id such as 'azure-appgw'" }), overlaySchema)
    .refine((t) => Object.keys(t).length <= 64, { message: 'allows at most 64 targets' })
    .optional()
    .meta({
      description:
        'Per-target overrides: what must differ on one target, merged into the spec for that target only (lib/spec/overlay.ts). ' +
        'Objects merge, null removes a field, named lists (frontends, pools, rules, ...) merge by name, other lists and actions are replaced. @default none',
    }),
});

/**
 * The spec's types, with each field's description, constraints and default as doc comments: generated from this
 * schema by `npm run spec-types` (lib/spec/types-generator.ts). Run it after changing the schema; the tests fail
 * while the file is stale or differs from `z.input` of these schemas.
 */
export type {
  LoadBalancerSpec,
  FrontendSpec,
  TlsSpec,
  RuleSpec,
  RuleMatchSpec,
  PathMatchSpec,
  HeaderMatchSpec,
  QueryMatchSpec,
  ActionSpec,
  ForwardActionSpec,
  WeightedForwardActionSpec,
  RedirectActionSpec,
  FixedResponseActionSpec,
  PoolSpec,
  HealthCheckSpec,
  PassiveHealthCheckSpec,
  SessionPersistenceSpec,
  RateLimitSpec,
  TargetOverlaySpec,
  AlarmSpec,
  ProtectionSpec,
  HeaderModifierSpec,
  HeaderFieldSpec,
  NamedPartialSpec,
} from './types.generated';
export type FrontendProtocol = (typeof FRONTEND_PROTOCOLS)[number];
export type PoolProtocol = (typeof POOL_PROTOCOLS)[number];
export type Algorithm = (typeof ALGORITHMS)[number];
export type HttpMethod = (typeof HTTP_METHODS)[number];
export type GrpcMatchSpec = z.input<typeof grpcMatchSchema>;
