/**
 * TLS server options for a port that several https frontends share (listeners with host names): SNI binds the
 * connection to one frontend (lib/model/listeners.ts), and the handshake presents that frontend's certificate
 * (its own SNI choice among its certificates). A name no frontend serves, or no SNI, gets the catch-all's
 * certificates; without a catch-all the handshake fails (the SNI callback's error: the client gets an
 * internal_error alert; without SNI, the server has no certificate to offer and the handshake fails too).
 */
import { createSecureContext, type SecureContext, type TlsOptions } from 'node:tls';
import { bindServerName } from '../../../lib/model/listeners';
import type { CertificateModel, FrontendModel } from '../../../lib/model/types';
import { certificateFor, contextOptions, tlsServerOptions, type CertificatePem } from './certificates';

export function sharedPortTlsOptions(
  group: readonly FrontendModel[],
  pems: ReadonlyMap<string, CertificatePem>,
  certificates: readonly CertificateModel[],
  trustStores: Readonly<Record<string, string | Buffer>>,
  handshakeTimeoutMs: number,
): TlsOptions {
  const catchAll = group.find((f) => !f.hostnames?.length);
  // Connection settings (minimum version, mutual TLS) agree across the port (lib/spec/semantic-listeners.ts).
  const options = tlsServerOptions(catchAll ?? group[0], pems, certificates, trustStores, handshakeTimeoutMs);
  if (!catchAll) {
    // No certificate for a client without SNI: the handshake fails rather than show another frontend's one.
    delete options.cert;
    delete options.key;
  }
  const contexts = new Map<string, SecureContext>();
  const contextOf = (frontend: FrontendModel, certificate: string): SecureContext => {
    const key = `${frontend.name}/${certificate}`;
    let context = contexts.get(key);
    if (!context) {
      // The CA bundle goes with every context: client certificates are verified against the chosen one.
      contexts.set(key, (context = createSecureContext({ ...contextOptions(frontend, pems.get(certificate)!), ...(options.ca ? { ca: options.ca } : {}) })));
    }
    return context;
  };
  options.SNICallback = (serverName, done) => {
    const frontend = bindServerName(group, serverName) ?? catchAll;
    if (!frontend) return done(new Error(`no frontend serves the server name '${serverName}'`), undefined);
    done(null, contextOf(frontend, certificateFor(frontend, certificates, serverName)));
  };
  return options;
}
