// node-http-proxy (the `http-proxy` package) as most Node users run it: one keep-alive agent.
'use strict';
const http = require('node:http');
const httpProxy = require('http-proxy');
const [port, target] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const proxy = httpProxy.createProxyServer({ target: `http://${target}`, agent });
proxy.on('error', (_err, _req, res) => {
  if (res.writeHead && !res.headersSent) {
    res.writeHead(502);
    res.end();
  }
});
http.createServer((req, res) => proxy.web(req, res)).listen(Number(port), '127.0.0.1');
