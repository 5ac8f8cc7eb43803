import { join } from 'node:path';
import { freePort, start, waitForPort } from '../tools/processes';
import type { Running } from './nginx';

export async function nodeHttpProxy(member: number): Promise<Running> {
  const port = await freePort();
  const managed = start('http-proxy', process.execPath, [join(__dirname, 'http-proxy-child.js'), String(port), `127.0.0.1:${member}`]);
  await waitForPort(port);
  return { port, pid: managed.child.pid!, managed, dir: '' };
}
