/**
 * Address families of a global name: which record types its anycast address or its regions answer on, and the
 * logical ids of those records (host name, then 'Aaaa' for the IPv6 one, so the A record keeps its id).
 */
import type { GlobalModel } from '../../../lib/model/global-types';
import { hostId } from './placement';

export type RecordType = 'A' | 'AAAA';

/**
 * IPv6 only when every region answers on it: with a mix, an AAAA record over some regions would steer IPv6
 * clients among those alone, unlike the steering policy.
 */
export const everyRegionDualstack = (model: GlobalModel): boolean => model.regions.every((r) => r.loadBalancer.ipAddressType === 'dualstack');

export const recordTypes = (model: GlobalModel): RecordType[] => (everyRegionDualstack(model) ? ['A', 'AAAA'] : ['A']);

export const recordId = (host: string, type: RecordType): string => `Record${hostId(host)}${type === 'AAAA' ? 'Aaaa' : ''}`;
