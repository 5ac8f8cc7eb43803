/**
 * gRPC pool and frontend settings of the local proxy over real sockets: grpcs pools (TLS to the member, ALPN h2),
 * grpcService health checks (the probe names a service; NOT_SERVING for it makes the member unhealthy), and
 * http2: false on a frontend (h2 not offered by ALPN, h2c prior knowledge refused).
 */
import * as grpc from '@grpc/grpc-js';
import { connect as h2connect } from 'node:http2';
import { connect as tlsConnect } from 'node:tls';
import type { LoadBalancerSpec, PoolSpec } from '../../lib/spec/schema';
import type { LocalLoadBalancer } from '../../providers/local';
import { selfSignedCertificate } from '../../providers/local/tls/certificates';
import { client, EchoClient, startGrpcMember, stopGrpcMember, unary, type GrpcMember } from './grpc-support';
import { nextEvent, startLb } from './support';

const grpcSpec = (pool: Record<string, unknown>): LoadBalancerSpec => ({
  name: 'pools',
  frontends: [{ name: 'api', protocol: 'http', port: 80, http2: true, defaultAction: { forward: { pool: 'echo' } } }],
  pools: [{ name: 'echo', protocol: 'grpc', port: 50051, ...pool } as PoolSpec],
});

describe('grpcs pools: TLS to the member', () => {
  test.each([
    ['a TLS member: the call goes through', true, 'ok'],
    ['a member in clear behind a grpcs pool: the call fails UNAVAILABLE', false, 'fails'],
  ] as const)('%s', async (_name, tls, expected) => {
    const pem = await selfSignedCertificate(['member.test']);
    const creds = tls ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(pem.cert), private_key: Buffer.from(pem.key) }]) : undefined;
    const m = await startGrpcMember('tls', creds);
    const lb = await startLb(grpcSpec({ protocol: 'grpcs', port: 50443 }), { bindings: { echo: [m.address] } });
    const echo = client(EchoClient, lb.url('api').replace('http://', ''));
    try {
      const outcome = await unary(echo, 'over tls').then(
        (r) => r,
        (e: grpc.ServiceError) => e,
      );
      if (expected === 'ok') expect(outcome).toEqual({ text: 'over tls', member: 'tls' });
      else expect((outcome as grpc.ServiceError).code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      echo.close();
      await lb.stop({ graceMs: 0 });
      await stopGrpcMember(m);
    }
  });
});

describe('grpcService health checks', () => {
  const health = { intervalSeconds: 2, timeoutSeconds: 1, healthyThreshold: 2, unhealthyThreshold: 2, grpcService: 'lbkit.test.Echo' };
  test.each([
    ['NOT_SERVING for the named service is unhealthy', { 'lbkit.test.Echo': 2 }, 'unhealthy'],
    ['SERVING for the named service (the server as a whole NOT_SERVING) stays healthy', { 'lbkit.test.Echo': 1, '': 2 }, 'healthy'],
    ['NOT_SERVING for another service only stays healthy', { 'lbkit.test.Other': 2 }, 'healthy'],
  ] as const)('a member reporting %s', async (_name, services, expected) => {
    const [a, b] = await Promise.all([startGrpcMember('a'), startGrpcMember('b')]);
    const lb: LocalLoadBalancer = await startLb(grpcSpec({ healthCheck: health }), {
      bindings: { echo: [a.address, b.address] },
      healthChecks: true,
      timeScale: 0.05,
    });
    const echo = client(EchoClient, lb.url('api').replace('http://', ''));
    try {
      (a as GrpcMember).services = { ...services };
      if (expected === 'unhealthy') {
        await nextEvent(lb, 'member-unhealthy', 5000, (e) => e.member === a.address);
        for (let i = 0; i < 4; i++) expect((await unary(echo, 'x')).member).toBe('b');
      } else {
        // Several probe rounds (2 s at time scale 0.05): a stays in rotation.
        await new Promise((r) => setTimeout(r, 600));
        const members = new Set<string>();
        for (let i = 0; i < 8; i++) members.add((await unary(echo, 'x')).member);
        expect([...members].sort()).toEqual(['a', 'b']);
      }
    } finally {
      echo.close();
      await lb.stop({ graceMs: 0 });
      await Promise.all([a, b].map(stopGrpcMember));
    }
  });
});

describe('http2 on a frontend', () => {
  const spec = (protocol: 'http' | 'https', http2: boolean): LoadBalancerSpec => ({
    name: 'fe',
    certificates: [{ name: 'site', domains: ['example.com'] }],
    frontends: [
      {
        name: 'web',
        protocol,
        port: 80,
        http2,
        ...(protocol === 'https' ? { tls: { certificate: 'site' } } : {}),
        defaultAction: { fixedResponse: { statusCode: 200, body: 'hi' } },
      },
    ],
    pools: [],
  });

  /** The protocol ALPN settles on when the client offers h2 and http/1.1. */
  const alpn = (port: number) =>
    new Promise<string | false>((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port, ALPNProtocols: ['h2', 'http/1.1'], rejectUnauthorized: false }, () => {
        resolve(s.alpnProtocol ?? false);
        s.end();
      });
      s.on('error', reject);
    });

  /** An h2c client with prior knowledge: the status it gets, or the error that ends its session. */
  const h2c = (url: string) =>
    new Promise<string>((resolve) => {
      const session = h2connect(url);
      session.on('error', (e: NodeJS.ErrnoException) => resolve(`error ${e.code ?? e.message}`));
      const req = session.request({ ':path': '/' });
      req.on('response', (h) => {
        resolve(`status ${h[':status']}`);
        session.close();
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(`error ${e.code ?? e.message}`));
      req.end();
    });

  test.each([
    ['https', true, 'h2'],
    ['https', false, 'http/1.1'],
  ] as const)('%s with http2: %s negotiates %s by ALPN', async (protocol, http2, expected) => {
    const lb = await startLb(spec(protocol, http2), { bindings: {} });
    try {
      expect(await alpn(lb.address('web').port)).toBe(expected);
    } finally {
      await lb.stop({ graceMs: 0 });
    }
  });

  test.each([
    ['http', true, /^status 200$/],
    ['http', false, /^error /],
  ] as const)('%s with http2: %s, an h2c prior-knowledge client gets %s', async (protocol, http2, expected) => {
    const lb = await startLb(spec(protocol, http2), { bindings: {} });
    try {
      expect(await h2c(lb.url('web'))).toMatch(expected);
    } finally {
      await lb.stop({ graceMs: 0 });
    }
  });
});
