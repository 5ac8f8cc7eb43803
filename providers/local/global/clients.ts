/**
 * Simulated clients of the local global emulation: where a DNS query (or an anycast connection) comes from.
 * A client is found by the EDNS Client Subnet its resolver sends (RFC 7871) or else by the query's source
 * address, the two ways clouds locate a DNS client.
 */
import { cidrContains, cidrCovers, parseCidr, type Cidr } from '../../../lib/util/cidr';
import type { GlobalModel, LocationModel } from '../../../lib/model/global-types';
import type { SteeringClient } from '../../../lib/model/global-steer';
import { LocalOptionsError } from '../../../lib/errors';
import type { ClientSubnet } from './dns-wire';

export interface SimulatedClient {
  /** A name for logs and tests, such as 'eu-user'. */
  readonly name: string;
  /** The addresses it queries from, or the client subnet its resolver sends: '127.0.2.1/32', '203.0.113.0/24'. */
  readonly cidr: string;
  readonly location: LocationModel;
  /** Latency to regions by name (ms); others are estimated from the locations. */
  readonly latencyMs?: Readonly<Record<string, number>>;
}

interface Located {
  readonly client: SimulatedClient;
  readonly cidr: Cidr;
}

/** The first loopback address of the default clients: region i's client queries from 127.0.2.(i+1). */
export const CLIENT_BASE = '127.0.2.';

/** One client per region, placed where the region is: the client a region is nearest to. */
export function defaultClients(model: GlobalModel): SimulatedClient[] {
  return model.regions.map((r, i) => ({ name: `${r.name}-client`, cidr: `${CLIENT_BASE}${i + 1}/32`, location: r.location }));
}

export class ClientDirectory {
  private readonly located: Located[];

  constructor(clients: readonly SimulatedClient[]) {
    this.located = clients.map((client, i) => {
      const cidr = parseCidr(client.cidr);
      if (!cidr) throw new LocalOptionsError(`clients[${i}].cidr`, `'${client.cidr}' is not a CIDR block such as 127.0.2.1/32`);
      return { client, cidr };
    });
  }

  get clients(): readonly SimulatedClient[] {
    return this.located.map((l) => l.client);
  }

  /** The client a query comes from: the most specific block covering its Client Subnet, else its source address. */
  find(source: string, subnet?: ClientSubnet): SimulatedClient | undefined {
    const candidates = subnet
      ? this.located.filter((l) => {
          const asked = parseCidr(`${subnet.address}/${subnet.sourcePrefix}`);
          return asked !== undefined && (cidrCovers(l.cidr, asked) || cidrContains(asked, this.firstAddress(l)));
        })
      : this.located.filter((l) => cidrContains(l.cidr, source));
    return candidates.sort((a, b) => b.cidr.bits - a.cidr.bits)[0]?.client;
  }

  private firstAddress(l: Located): string {
    return l.client.cidr.slice(0, l.client.cidr.indexOf('/'));
  }

  steeringClient(client: SimulatedClient | undefined): SteeringClient {
    return client ? { location: client.location, ...(client.latencyMs ? { latencyMs: client.latencyMs } : {}) } : {};
  }
}
