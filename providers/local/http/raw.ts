/** Responses written on a raw socket (after the parser gave up, or on an upgrade connection), then closed. */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** The reason phrase of a status (Node's table, as its http server used). */
export function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown';
}

/** Serialises a response head; `headers` is a flat [name, value, ...] list. */
export function responseHead(status: number, reason: string, headers: readonly string[]): string {
  let head = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return head;
}

/** Writes a complete response with `Connection: close` and ends the socket. */
export function rawReply(socket: Duplex, status: number, headers: readonly string[] = [], body = `${status} ${statusText(status)}\n`): void {
  const head = responseHead(status, statusText(status), ['Content-Type', 'text/plain; charset=utf-8', ...headers]);
  socket.end(`${head}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
