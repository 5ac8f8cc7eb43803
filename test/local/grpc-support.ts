/** gRPC members and clients for the local proxy's tests: @grpc/grpc-js servers on loopback, one proto. */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';

const definition = protoLoader.loadSync(join(__dirname, 'fixtures', 'echo.proto'), { keepCase: true, enums: String, defaults: true });
const loaded = grpc.loadPackageDefinition(definition) as unknown as { lbkit: { test: Record<string, grpc.ServiceClientConstructor> } };
export const EchoClient = loaded.lbkit.test.Echo;
export const OtherClient = loaded.lbkit.test.Other;

export interface Msg {
  text: string;
  member: string;
}

/** The health service's one method, with the protobuf messages written by hand (one field each). */
const healthService: grpc.ServiceDefinition = {
  Check: {
    path: '/grpc.health.v1.Health/Check',
    requestStream: false,
    responseStream: false,
    requestSerialize: (v: { service: string }) => Buffer.concat([Buffer.from([0x0a, Buffer.byteLength(v.service)]), Buffer.from(v.service)]),
    requestDeserialize: (b: Buffer) => ({ service: b.length > 2 ? b.subarray(2).toString() : '' }),
    responseSerialize: (v: { status: number }) => Buffer.from([0x08, v.status]),
    responseDeserialize: (b: Buffer) => ({ status: b[1] ?? 0 }),
  },
};

export interface GrpcMember {
  readonly name: string;
  readonly address: string;
  readonly server: grpc.Server;
  /** What Health/Check answers: a serving status (1 SERVING, 2 NOT_SERVING) or a gRPC error code. */
  health: { status: number } | { error: number };
  /** The serving status of named services (Check with that service); others answer `health`. */
  services: Record<string, number>;
  /** Calls by method ('Unary', 'Bidi', ...). */
  readonly calls: string[];
  /** Streams of ServerStream/Bidi in progress (to kill a member mid-stream). */
  readonly cancelled: string[];
}

/** A gRPC member named `name`: every answer carries its name. */
export async function startGrpcMember(name: string, credentials = grpc.ServerCredentials.createInsecure()): Promise<GrpcMember> {
  const server = new grpc.Server();
  const member: GrpcMember = { name, address: '', server, health: { status: 1 }, services: {}, calls: [], cancelled: [] };
  const echo = (call: { request: Msg }) => ({ text: call.request.text, member: name });
  server.addService(EchoClient.service, {
    Unary: (call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) => {
      member.calls.push('Unary');
      if (call.request.text === 'fail') return cb({ code: grpc.status.FAILED_PRECONDITION, details: 'asked to fail' });
      cb(null, echo(call));
    },
    ServerStream: (call: grpc.ServerWritableStream<Msg, Msg>) => {
      member.calls.push('ServerStream');
      const n = Number(call.request.text) || 3;
      call.on('cancelled', () => member.cancelled.push('ServerStream'));
      let i = 0;
      const next = () => {
        if (call.cancelled) return;
        if (i >= n) return call.end();
        call.write({ text: String(i++), member: name });
        setTimeout(next, n > 100 ? 20 : 1);
      };
      next();
    },
    ClientStream: (call: grpc.ServerReadableStream<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) => {
      member.calls.push('ClientStream');
      const texts: string[] = [];
      call.on('data', (m: Msg) => texts.push(m.text));
      call.on('end', () => cb(null, { text: texts.join(','), member: name }));
    },
    Bidi: (call: grpc.ServerDuplexStream<Msg, Msg>) => {
      member.calls.push('Bidi');
      call.on('data', (m: Msg) => call.write({ text: m.text.toUpperCase(), member: name }));
      call.on('end', () => call.end());
      call.on('cancelled', () => member.cancelled.push('Bidi'));
    },
  });
  server.addService(OtherClient.service, {
    Unary: (call: grpc.ServerUnaryCall<Msg, Msg>, cb: grpc.sendUnaryData<Msg>) => {
      member.calls.push('Other.Unary');
      cb(null, { text: `other ${call.request.text}`, member: name });
    },
  });
  server.addService(healthService, {
    Check: (call: grpc.ServerUnaryCall<{ service: string }, { status: number }>, cb: grpc.sendUnaryData<{ status: number }>) => {
      const named = member.services[call.request.service];
      if (named !== undefined) return cb(null, { status: named });
      const h = member.health;
      if ('error' in h) cb({ code: h.error, details: 'health says no' });
      else cb(null, { status: h.status });
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', credentials, (err, p) => (err ? reject(err) : resolve(p))));
  (member as { address: string }).address = `127.0.0.1:${port}`;
  return member;
}

export function stopGrpcMember(m: GrpcMember): Promise<void> {
  return new Promise((resolve) => {
    m.server.forceShutdown();
    resolve();
  });
}

export function client(Ctor: grpc.ServiceClientConstructor, address: string): grpc.Client & Record<string, (...args: unknown[]) => unknown> {
  return new Ctor(address, grpc.credentials.createInsecure()) as never;
}

export function unary(c: grpc.Client & Record<string, (...args: unknown[]) => unknown>, text: string, method = 'Unary'): Promise<Msg> {
  return new Promise((resolve, reject) => {
    c[method]({ text }, { deadline: Date.now() + 5000 }, (err: grpc.ServiceError | null, res: Msg) => (err ? reject(err) : resolve(res)));
  });
}
