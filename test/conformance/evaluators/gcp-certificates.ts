/**
 * Which certificate a GCP target HTTPS proxy presents, written from GCP's SSL certificates overview
 * (https://cloud.google.com/load-balancing/docs/ssl-certificates, "Using multiple SSL certificates"),
 * independently of lib/model/listeners.ts:
 *
 * - "the load balancer uses the SNI hostname specified by the client to select the certificate ... Whenever
 *   possible, the load balancer selects a certificate whose common name (CN) or subject alternative name (SAN)
 *   matches the SNI hostname". Which one when several match is not documented: every match is a candidate.
 * - "If none of the available certificates can be selected or if the client does not specify an SNI hostname,
 *   the load balancer negotiates SSL using the primary certificate, which is the first certificate in the list."
 * - A wildcard name covers exactly one label ('*.example.com' covers www.example.com, neither example.com nor
 *   a.b.example.com: RFC 6125 §6.4.3, RFC 2818 §3.1 "matches any single domain name component").
 */

export interface ProxyCertificate {
  readonly name: string;
  readonly domains: readonly string[];
}

/** Whether a certificate name (CN or SAN) covers a host name. */
export function certificateCovers(domain: string, name: string): boolean {
  const host = name.toLowerCase();
  const d = domain.toLowerCase();
  if (!d.startsWith('*.')) return d === host;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === d.slice(1);
}

/** The certificates the proxy may present for `sni` (undefined: none sent), by name. */
export function gcpCertificates(certificates: readonly ProxyCertificate[], sni: string | undefined): string[] {
  const host = sni?.toLowerCase();
  const matching = host ? certificates.filter((c) => c.domains.some((d) => certificateCovers(d, host))) : [];
  return matching.length ? matching.map((c) => c.name) : certificates.slice(0, 1).map((c) => c.name);
}
