/**
 * Certificates for https and tls frontends. A certificate the caller gives ({ cert, key } PEM) is used as
 * is; otherwise a self-signed one is generated with `selfsigned` (EC P-256, SHA-256) for the spec's domains
 * plus localhost, 127.0.0.1 and ::1, valid from a day ago for a year. Generated certificates are cached per
 * process by domain list, so tests that start many load balancers generate each once.
 */
import { constants } from 'node:crypto';
import type { SecureContextOptions, TlsOptions } from 'node:tls';
import { createSecureContext, type SecureContext } from 'node:tls';
import { generate } from 'selfsigned';
import type { CertificateModel, FrontendModel } from '../../../lib/model/types';
import { LocalOptionsError } from '../../../lib/errors';

export interface CertificatePem {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

const generated = new Map<string, Promise<CertificatePem>>();

/** A self-signed certificate for the domains (cached per process). */
export function selfSignedCertificate(domains: readonly string[]): Promise<CertificatePem> {
  const names = [...new Set([...domains, 'localhost'])];
  const key = names.join(',');
  let pending = generated.get(key);
  if (!pending) {
    const notBefore = new Date(Date.now() - 86_400_000);
    const notAfter = new Date(notBefore.getTime() + 366 * 86_400_000);
    pending = generate([{ name: 'commonName', value: names[0].replace(/^\*\./, '') }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
      ],
    }).then((pems) => ({ cert: pems.cert, key: pems.private }));
    generated.set(key, pending);
  }
  return pending;
}

/** Every certificate the TLS frontends name: given, or generated. */
export async function resolveCertificates(
  frontends: readonly FrontendModel[],
  certificates: readonly CertificateModel[],
  given: Readonly<Record<string, CertificatePem>> = {},
): Promise<Map<string, CertificatePem>> {
  for (const name of Object.keys(given)) {
    if (!certificates.some((c) => c.name === name)) {
      throw new LocalOptionsError(
        `certificates.${name}`,
        `the spec declares no certificate '${name}' (declared: ${certificates.map((c) => c.name).join(', ') || 'none'})`,
      );
    }
  }
  const needed = new Set(frontends.flatMap((f) => (f.tls ? [f.tls.certificate, ...f.tls.additionalCertificates] : [])));
  const out = new Map<string, CertificatePem>();
  for (const name of needed) {
    out.set(name, given[name] ?? (await selfSignedCertificate(certificates.find((c) => c.name === name)?.domains ?? [])));
  }
  return out;
}

/** Whether a certificate domain ('example.com', '*.example.com') covers an SNI name (a wildcard covers one label). */
export function certificateCovers(domain: string, serverName: string): boolean {
  const name = serverName.toLowerCase();
  if (!domain.startsWith('*.')) return domain === name;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot) === domain.slice(1);
}

/**
 * The certificate of a frontend that a TLS server name gets: the primary when its domains cover the name, else
 * the first additional certificate, in spec order, whose domains cover it, else the primary.
 */
export function certificateFor(frontend: FrontendModel, certificates: readonly CertificateModel[], serverName: string): string {
  const tls = frontend.tls!;
  const covers = (name: string) => (certificates.find((c) => c.name === name)?.domains ?? []).some((d) => certificateCovers(d, serverName));
  if (covers(tls.certificate)) return tls.certificate;
  return tls.additionalCertificates.find(covers) ?? tls.certificate;
}

/** Context options every certificate of a frontend is served with (its minimum version, no renegotiation). */
export function contextOptions(frontend: FrontendModel, pem: CertificatePem): SecureContextOptions {
  return { cert: pem.cert, key: pem.key, minVersion: frontend.tls!.minimumVersion === '1.3' ? 'TLSv1.3' : 'TLSv1.2', secureOptions: NO_RENEGOTIATION };
}

/**
 * Refuses client-initiated renegotiation (TLS 1.2; TLS 1.3 has none): OpenSSL answers a renegotiation
 * request with a no_renegotiation alert. Node alone allows three per ten minutes (tls.CLIENT_RENEG_LIMIT),
 * each a full handshake the client can make the server compute; nginx and HAProxy refuse them.
 */
const NO_RENEGOTIATION = constants.SSL_OP_NO_RENEGOTIATION;

/**
 * TLS server options for a frontend: its certificate, SNI choice among additional certificates (the first,
 * in spec order, whose domains cover the server name; the primary otherwise), minimum version, mutual TLS
 * from the trust store the caller gives, no renegotiation, and a handshake timeout. The cipher list is
 * Node's default (tls.DEFAULT_CIPHERS; SEMANTICS.md lists it).
 *
 * @param handshakeTimeoutMs a connection whose handshake is not complete by then is closed (Node's own
 *   default is 120 s, so 200 silent connections would be held two minutes)
 */
export function tlsServerOptions(
  frontend: FrontendModel,
  pems: ReadonlyMap<string, CertificatePem>,
  certificates: readonly CertificateModel[],
  trustStores: Readonly<Record<string, string | Buffer>>,
  handshakeTimeoutMs: number,
): TlsOptions {
  const tls = frontend.tls!;
  const primary = pems.get(tls.certificate)!;
  const minVersion = tls.minimumVersion === '1.3' ? 'TLSv1.3' : 'TLSv1.2';
  const options: TlsOptions = {
    cert: primary.cert,
    key: primary.key,
    minVersion,
    ALPNProtocols: ['http/1.1'],
    secureOptions: NO_RENEGOTIATION,
    handshakeTimeout: handshakeTimeoutMs,
  };
  if (tls.additionalCertificates.length) {
    const contexts = new Map<string, SecureContext>(
      tls.additionalCertificates.map((name) => [
        name,
        createSecureContext({ ...(pems.get(name) as SecureContextOptions), minVersion, secureOptions: NO_RENEGOTIATION }),
      ]),
    );
    // The primary certificate is the server's own context (undefined).
    options.SNICallback = (serverName, done) => done(null, contexts.get(certificateFor(frontend, certificates, serverName)));
  }
  const trust = tls.clientCertificateTrust;
  if (trust) {
    const ca = trustStores[trust.trustStore];
    if (ca === undefined) {
      throw new LocalOptionsError(
        `trustStores.${trust.trustStore}`,
        `frontend '${frontend.name}' verifies client certificates against trust store '${trust.trustStore}'; pass its CA bundle (PEM) in the trustStores option`,
      );
    }
    options.ca = ca;
    options.requestCert = true;
    options.rejectUnauthorized = trust.mode === 'verify';
  }
  return options;
}
