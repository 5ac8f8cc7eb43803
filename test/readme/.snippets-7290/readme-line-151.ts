import { readFileSync } from 'node:fs';
import { LocalLoadBalancer } from '../../../providers/local/index';

const [cert, key] = ['site.crt', 'site.key'].map((file) => readFileSync(file, 'utf8'));
const lb = await LocalLoadBalancer.start('web.yaml', {   // a file, a spec object or a model
  bindings: { web: ['127.0.0.1:3001', { address: '127.0.0.1:3002', weight: 3 }], 'web-canary': ['127.0.0.1:3003'], api: [], static: [] },
  listen: { https: 8443 },                // frontend -> local port; absent or 0: a free port
  certificates: { site: { cert, key } },  // absent: a self-signed certificate for the spec's domains
  admin: 9901,                            // /metrics (Prometheus), /status (JSON), /dashboard (live page); on 127.0.0.1 ('host:port' elsewhere)
  accessLog: process.stdout,              // one JSON line per request, ALB fields; off by default
});
lb.url('https');                          // 'https://127.0.0.1:8443'
lb.address('https');                      // { host: '127.0.0.1', port: 8443 }
lb.members('web');                        // health, draining, ejection, in-flight, counters
lb.on('event', (e) => console.log(e));    // member-unhealthy, member-ejected, member-drained, bad-request, ...
lb.warnings;                              // what the spec asks that this run does not do (e.g. access logs without a sink)
await lb.drain('web', '127.0.0.1:3001');  // no new requests; in-flight ones finish; the rest is cut after drainingSeconds
lb.undrain('web', '127.0.0.1:3001');      // back in service (with slow start when the pool has it)
await lb.metrics();                       // Prometheus text
await lb.stop();                          // graceful: lets requests in flight finish
export {};
