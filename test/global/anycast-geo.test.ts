/**
 * Anycast delivery (one address, the front picks the region per connection) with failover steering, and geo
 * steering failing closed, over real sockets on loopback.
 */
import { resolve } from 'node:path';
import { loadGlobalModel } from '../../lib/model/global';
import { useBackends } from '../../providers/local/jest';
import { useLocalGlobal } from '../../providers/local/global/jest';
import { ANYCAST_ADDRESS } from '../../providers/local/global/local-global';
import type { GlobalClient } from '../../providers/local/global/client';

const SPECS = resolve(__dirname, '../../examples/global');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function regionsUntil(
  client: GlobalClient,
  host: string,
  want: string | undefined,
  max = 100,
): Promise<{ moved: boolean; failed: number; ms: number; seen: Array<string | undefined> }> {
  const start = Date.now();
  const seen: Array<string | undefined> = [];
  for (let i = 0; i < max; i++) {
    const res = await client.get(host, '/', 1000);
    const region = res.status === 200 ? res.backend?.replace(/-\d+$/, '') : undefined;
    seen.push(region);
    if (want === undefined ? res.error === 'no address' : region === want)
      return { moved: true, failed: seen.filter((s) => !s).length, ms: Date.now() - start, seen };
    await sleep(100);
  }
  return { moved: false, failed: seen.filter((s) => !s).length, ms: Date.now() - start, seen };
}

describe('anycast with failover steering', () => {
  const REGIONS = ['us-east', 'eu-west', 'ap-south'];
  const members = useBackends(REGIONS.map((r) => `${r}-1`));
  const global = useLocalGlobal(`${SPECS}/global-failover.yaml`, () => ({
    bindings: Object.fromEntries(REGIONS.map((r, i) => [r, { web: [members()[i].address] }])),
    timeScale: 0.1,
  }));

  test('the name resolves to the anycast address; every client reaches the primary, then the next priority', async () => {
    const g = global();
    const apClient = g.client('ap-south-client');
    const res = await apClient.query('api.example.com');
    expect(res.answers.map((a) => a.address)).toEqual([ANYCAST_ADDRESS]);
    // Failover ignores where the client is: the primary answers the client next to ap-south too.
    expect((await apClient.get('api.example.com')).backend).toBe('us-east-1');

    await members()[0].kill();
    const away = await regionsUntil(apClient, 'api.example.com', 'eu-west');
    expect(away.moved).toBe(true);
    expect(away.seen.every((r) => r === undefined || r === 'eu-west' || r === 'us-east')).toBe(true);
    expect(g.anycast?.connections.get('eu-west')).toBeGreaterThan(0);

    await members()[0].revive();
    const back = await regionsUntil(apClient, 'api.example.com', 'us-east');
    expect(back.moved).toBe(true);
    expect(back.failed).toBe(0);
    console.log(
      `anycast failover: ${away.failed} of ${away.seen.length} connections failed; moved after ${away.ms} ms; back after ${back.ms} ms (time scale 0.1, no TTL)`,
    );
  });
});

describe('geo steering, failing closed', () => {
  const REGIONS = ['us-east', 'eu-west', 'eu-central'];
  const members = useBackends(REGIONS.map((r) => `${r}-1`));
  const model = loadGlobalModel(`${SPECS}/global-geo.yaml`);
  const global = useLocalGlobal(model, () => ({
    bindings: Object.fromEntries(REGIONS.map((r, i) => [r, { web: [members()[i].address] }])),
    timeScale: 0.1,
    clients: [
      { name: 'berlin', cidr: '127.0.2.10/32', location: { continent: 'EU', country: 'DE' } },
      { name: 'paris', cidr: '127.0.2.11/32', location: { continent: 'EU', country: 'FR' } },
      { name: 'tokyo', cidr: '127.0.2.12/32', location: { continent: 'AS', country: 'JP' } },
    ],
  }));

  test('the most specific match answers; an unhealthy country falls back to its continent; nothing when all are down', async () => {
    const g = global();
    const where = async (client: string) => (await g.client(client).get('www.example.com')).backend;
    expect(await where('berlin')).toBe('eu-central-1');
    expect(await where('paris')).toBe('eu-west-1');
    expect(await where('tokyo')).toBe('us-east-1'); // no region lists AS: the default

    await members()[2].kill();
    const berlin = g.client('berlin');
    expect((await regionsUntil(berlin, 'www.example.com', 'eu-west')).moved).toBe(true);

    await Promise.all(members().map((m) => m.kill()));
    const closed = await regionsUntil(berlin, 'www.example.com', undefined);
    expect(closed.moved).toBe(true);
    expect((await berlin.query('www.example.com')).answers).toEqual([]);
    await Promise.all(members().map((m) => m.revive()));
  });
});
