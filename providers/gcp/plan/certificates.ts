/** The certificates a port's target HTTPS proxy holds (listeners with host names); the capability check counts them too. */
import type { FrontendModel } from '../../../lib/model/types';

/**
 * The certificates of a port's target HTTPS proxy: every frontend's. GCP answers a handshake without SNI, or
 * with a name no certificate covers, with the first (the primary), so the catch-all's come first.
 */
export function proxyCertificates(group: readonly FrontendModel[]): string[] {
  const ordered = [...group.filter((f) => !f.hostnames?.length), ...group.filter((f) => f.hostnames?.length)];
  return [...new Set(ordered.flatMap((f) => (f.tls ? [f.tls.certificate, ...f.tls.additionalCertificates] : [])))];
}
