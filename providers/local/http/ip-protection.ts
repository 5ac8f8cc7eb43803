/**
 * The IP lists of `protection` on one http/https frontend (SEMANTICS.md, Protection): a client in ipDeny gets
 * 403; with an ipAllow list, a client outside it gets 403. The deny list is checked first. Addresses are the
 * connection's source, matched as rules match sourceCidrs (IPv4-mapped IPv6 counts as IPv4).
 */
import { sourceMatches } from '../../../lib/model/match';
import type { ProtectionModel } from '../../../lib/model/types';

export type ProtectionBlock = 'ip-deny' | 'ip-allow';

export class IpProtection {
  private constructor(
    private readonly allow: readonly string[],
    private readonly deny: readonly string[],
  ) {}

  /** The frontend's IP lists; undefined when protection has none for it. */
  static of(protection: ProtectionModel | undefined, frontend: string): IpProtection | undefined {
    if (!protection || !protection.frontends.includes(frontend)) return undefined;
    if (!protection.ipAllow.length && !protection.ipDeny.length) return undefined;
    return new IpProtection(protection.ipAllow, protection.ipDeny);
  }

  /** Why the client is refused, or undefined when it may pass. */
  check(clientIp: string): ProtectionBlock | undefined {
    if (this.deny.length && sourceMatches(this.deny, clientIp)) return 'ip-deny';
    if (this.allow.length && !sourceMatches(this.allow, clientIp)) return 'ip-allow';
    return undefined;
  }
}
