/**
 * gRPC through the local proxy over real loopback sockets: @grpc/grpc-js clients and members, an http
 * frontend with http2 (h2c by prior knowledge, which is how grpc-js speaks to an insecure address), grpc
 * pools, rules on gRPC service and method, trailers, streaming both ways, a member killed mid-stream, health
 * by gRPC status, and local answers as gRPC statuses.
 */
import * as grpc from '@grpc/grpc-js';
import type { LoadBalancerSpec } from '../../lib/spec/schema';
import type { LocalLoadBalancer } from '../../providers/local';
import { client, EchoClient, OtherClient, startGrpcMember, stopGrpcMember, unary, type GrpcMember, type Msg } from './grpc-support';
import { nextEvent, startLb, waitFor } from './support';

const spec = (extra: Partial<LoadBalancerSpec> = {}): LoadBalancerSpec => ({
  name: 'grpc',
  frontends: [
    {
      name: 'api',
      protocol: 'http',
      port: 80,
      http2: true,
      rules: [
        {
          name: 'deny',
          match: { headers: [{ name: 'x-deny', present: true }] },
          action: { fixedResponse: { statusCode: 403, body: 'denied here', grpcStatus: 7 } },
        },
        {
          name: 'maintenance',
          match: { headers: [{ name: 'x-maintenance', present: true }] },
          action: { fixedResponse: { statusCode: 503, body: 'down for maintenance' } },
        },
        { name: 'other', match: { grpc: [{ service: 'lbkit.test.Other' }] }, action: { forward: { pool: 'other' } } },
        { name: 'echo', match: { grpc: [{ service: 'lbkit.test.Echo' }] }, action: { forward: { pool: 'echo' } } },
      ],
      defaultAction: { fixedResponse: { statusCode: 404, body: 'no such service' } },
    },
  ],
  pools: [
    { name: 'echo', protocol: 'grpc', port: 50051 },
    { name: 'other', protocol: 'grpc', port: 50051 },
  ],
  ...extra,
});

type Client = ReturnType<typeof client>;
const closeClient = (c: Client) => c.close();

describe('gRPC through an h2c frontend', () => {
  let a: GrpcMember;
  let b: GrpcMember;
  let o: GrpcMember;
  let lb: LocalLoadBalancer;
  let echo: Client;
  let other: Client;
  const log: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    [a, b, o] = await Promise.all([startGrpcMember('a'), startGrpcMember('b'), startGrpcMember('o')]);
    lb = await startLb(spec(), { bindings: { echo: [a.address, b.address], other: [o.address] }, accessLog: (e) => log.push(e as never) });
    const address = lb.url('api').replace('http://', '');
    echo = client(EchoClient, address);
    other = client(OtherClient, address);
  });
  afterAll(async () => {
    closeClient(echo);
    closeClient(other);
    await lb.stop({ graceMs: 0 });
    await Promise.all([a, b, o].map(stopGrpcMember));
  });

  test('unary calls are routed by service and balanced round robin over the pool', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await unary(echo, `hi ${i}`));
    expect(answers.map((m) => m.member)).toEqual(['a', 'b', 'a', 'b']);
    expect(answers.map((m) => m.text)).toEqual(['hi 0', 'hi 1', 'hi 2', 'hi 3']);
    expect(await unary(other, 'x')).toEqual({ text: 'other x', member: 'o' });
    expect(o.calls).toEqual(['Other.Unary']);
  });

  test("a member's gRPC error status and message reach the client in trailers", async () => {
    await expect(unary(echo, 'fail')).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION, details: 'asked to fail' });
  });

  test('server streaming, client streaming and bidi streaming go through', async () => {
    const streamed = await new Promise<Msg[]>((resolve, reject) => {
      const got: Msg[] = [];
      const call = (echo as never as { ServerStream: (m: Msg) => grpc.ClientReadableStream<Msg> }).ServerStream({ text: '5', member: '' });
      call.on('data', (m: Msg) => got.push(m));
      call.on('error', reject);
      call.on('end', () => resolve(got));
    });
    expect(streamed.map((m) => m.text)).toEqual(['0', '1', '2', '3', '4']);
    expect(new Set(streamed.map((m) => m.member)).size).toBe(1);

    const joined = await new Promise<Msg>((resolve, reject) => {
      const call = (echo as never as { ClientStream: (cb: (e: Error | null, m: Msg) => void) => grpc.ClientWritableStream<Msg> }).ClientStream((e, m) =>
        e ? reject(e) : resolve(m),
      );
      for (const t of ['x', 'y', 'z']) call.write({ text: t, member: '' });
      call.end();
    });
    expect(joined.text).toBe('x,y,z');

    const echoed = await new Promise<string[]>((resolve, reject) => {
      const got: string[] = [];
      const call = (echo as never as { Bidi: () => grpc.ClientDuplexStream<Msg, Msg> }).Bidi();
      call.on('data', (m: Msg) => {
        got.push(m.text);
        if (got.length === 3) call.end();
        else call.write({ text: `m${got.length}`, member: '' });
      });
      call.on('error', reject);
      call.on('end', () => resolve(got));
      call.write({ text: 'm0', member: '' });
    });
    expect(echoed).toEqual(['M0', 'M1', 'M2']);
  });

  test('a client that cancels a call cancels the member stream (RST_STREAM carried across)', async () => {
    const before = a.cancelled.length + b.cancelled.length;
    await new Promise<void>((resolve) => {
      let got = 0;
      const call = (echo as never as { ServerStream: (m: Msg) => grpc.ClientReadableStream<Msg> }).ServerStream({ text: '1000', member: '' });
      call.on('data', () => {
        if (++got === 2) call.cancel();
      });
      call.on('error', (e: grpc.ServiceError) => {
        expect(e.code).toBe(grpc.status.CANCELLED);
        resolve();
      });
    });
    await waitFor(() => a.cancelled.length + b.cancelled.length > before, 3000, 'the member to see the cancellation');
    expect([...a.cancelled, ...b.cancelled]).toContain('ServerStream');
  });

  test('local answers reach a gRPC client as gRPC statuses: mapped from the HTTP status, or as written', async () => {
    const md = (name: string) => {
      const m = new grpc.Metadata();
      m.set(name, '1');
      return m;
    };
    const call = (m: grpc.Metadata) =>
      new Promise((resolve, reject) => {
        (echo as never as { Unary: (r: Msg, md: grpc.Metadata, cb: (e: grpc.ServiceError | null, r: Msg) => void) => void }).Unary(
          { text: 'q', member: '' },
          m,
          (e, r) => (e ? reject(e) : resolve(r)),
        );
      });
    await expect(call(md('x-maintenance'))).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE, details: 'down for maintenance' });
    await expect(call(md('x-deny'))).rejects.toMatchObject({ code: grpc.status.PERMISSION_DENIED, details: 'denied here' });
    const unknown = client(EchoClient, lb.url('api').replace('http://', ''));
    // A service no rule names takes the default action: 404, which gRPC maps to UNIMPLEMENTED.
    const lost = new grpc.Client(lb.url('api').replace('http://', ''), grpc.credentials.createInsecure());
    await expect(
      new Promise((resolve, reject) =>
        lost.makeUnaryRequest(
          '/lbkit.test.Nowhere/Call',
          (x: Buffer) => x,
          (x: Buffer) => x,
          Buffer.alloc(0),
          (e, r) => (e ? reject(e) : resolve(r)),
        ),
      ),
    ).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED, details: 'no such service' });
    lost.close();
    closeClient(unknown);
  });

  test('each call is one access-log line with HTTP/2 and the matched rule', () => {
    const grpcLines = log.filter((e) => e.type === 'grpc');
    expect(grpcLines.length).toBeGreaterThanOrEqual(5);
    expect(grpcLines[0]).toMatchObject({
      request: expect.stringMatching(/^POST http:\/\/.+\/lbkit\.test\.Echo\/Unary HTTP\/2\.0$/),
      matched_rule: 'echo',
      target_group: 'echo',
    });
  });
});

describe('a member killed mid-stream', () => {
  test('the stream ends with an error on the client, and the next calls go to the other member', async () => {
    const [a, b] = await Promise.all([startGrpcMember('a'), startGrpcMember('b')]);
    const lb = await startLb(spec(), { bindings: { echo: [a.address, b.address], other: [b.address] }, healthChecks: false });
    const echo = client(EchoClient, lb.url('api').replace('http://', ''));
    try {
      const outcome = await new Promise<{ got: Msg[]; error: grpc.ServiceError | undefined }>((resolve) => {
        const got: Msg[] = [];
        const call = (echo as never as { ServerStream: (m: Msg) => grpc.ClientReadableStream<Msg> }).ServerStream({ text: '1000', member: '' });
        call.on('data', (m: Msg) => {
          got.push(m);
          if (got.length === 3) void stopGrpcMember(m.member === 'a' ? a : b);
        });
        call.on('error', (error: grpc.ServiceError) => resolve({ got, error }));
        call.on('end', () => resolve({ got, error: undefined }));
      });
      expect(outcome.got.length).toBeGreaterThanOrEqual(3);
      expect(outcome.got.length).toBeLessThan(1000);
      expect(outcome.error?.code).toBe(grpc.status.UNAVAILABLE);
      const survivor = outcome.got[0].member === 'a' ? 'b' : 'a';
      for (let i = 0; i < 4; i++) expect((await unary(echo, `after ${i}`)).member).toBe(survivor);
    } finally {
      echo.close();
      await lb.stop({ graceMs: 0 });
      await Promise.all([a, b].map(stopGrpcMember));
    }
  });
});

describe('gRPC health checks', () => {
  test('a member is unhealthy while its Health/Check answers NOT_SERVING or a status outside grpcStatusCodes, healthy again on SERVING', async () => {
    const [a, b] = await Promise.all([startGrpcMember('a'), startGrpcMember('b')]);
    const health = { intervalSeconds: 2, timeoutSeconds: 1, healthyThreshold: 2, unhealthyThreshold: 2 };
    const s = spec();
    const lb = await startLb(
      {
        ...s,
        pools: [
          { name: 'echo', protocol: 'grpc', port: 50051, healthCheck: health },
          { name: 'other', protocol: 'grpc', port: 50051, healthCheck: health },
        ],
      },
      { bindings: { echo: [a.address, b.address], other: [b.address] }, healthChecks: true, timeScale: 0.05 },
    );
    const echo = client(EchoClient, lb.url('api').replace('http://', ''));
    try {
      a.health = { status: 2 };
      await nextEvent(lb, 'member-unhealthy', 5000, (e) => e.member === a.address);
      for (let i = 0; i < 4; i++) expect((await unary(echo, 'x')).member).toBe('b');
      a.health = { status: 1 };
      await nextEvent(lb, 'member-healthy', 5000, (e) => e.member === a.address);
      a.health = { error: grpc.status.NOT_FOUND };
      const down = await nextEvent(lb, 'member-unhealthy', 5000, (e) => e.member === a.address);
      expect(down.detail).toBe('grpc-status 5');
    } finally {
      echo.close();
      await lb.stop({ graceMs: 0 });
      await Promise.all([a, b].map(stopGrpcMember));
    }
  });
});
