/** The mutual-TLS spec fragment the backends' tests share: certificate 'site', client certificates trusted by 'clients'. */
import type { FrontendSpec, LoadBalancerSpec } from '../../lib/spec/schema';

/** An https frontend on 443 that asks clients for a certificate trusted by the 'clients' store. */
export function mtlsFrontend(name: string, pool: string): FrontendSpec {
  return {
    name,
    protocol: 'https',
    port: 443,
    tls: { certificate: 'site', clientCertificateTrust: { trustStore: 'clients' } },
    defaultAction: { forward: { pool } },
  };
}

/** The trust store and a single mutual-TLS frontend named 'https', to spread into a spec. */
export function mtlsOnly(pool: string): Pick<LoadBalancerSpec, 'trustStores' | 'frontends'> {
  return { trustStores: [{ name: 'clients' }], frontends: [mtlsFrontend('https', pool)] };
}
