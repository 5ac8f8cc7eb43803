/**
 * Reading a spec file's bytes with a cap, and turning them into text. At most `limit + 1` bytes are read,
 * whatever the file is (`/dev/zero`, a FIFO, a 50 MB file), so an oversized input fails before memory grows.
 * The text must be UTF-8: a UTF-16 file, a NUL byte or an invalid byte sequence is named with its position.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { SpecLoadError } from '../errors';
import { formatBytes, SPEC_LIMITS } from './limits';
import { TextPositions } from './positions';

/** The file's bytes, or a SpecLoadError when it cannot be read or has more than `limit` bytes. */
export function readSpecBytes(path: string, limit: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw cannotRead(path, e);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory())
      throw new SpecLoadError([{ path: '', message: `cannot read ${path}: it is a directory`, fix: 'name a .yaml, .yml or .json file' }], path);
    if (stat.isFile() && stat.size > limit) throw tooLarge(path, limit, stat.size);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) throw tooLarge(path, limit);
    return buffer.subarray(0, length);
  } catch (e) {
    if (e instanceof SpecLoadError) throw e;
    throw cannotRead(path, e);
  } finally {
    closeSync(fd);
  }
}

function cannotRead(path: string, e: unknown): SpecLoadError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return new SpecLoadError(
    [{ path: '', message: `cannot read ${path}: ${reason}`, fix: code === 'EACCES' ? 'make the file readable' : 'check the path' }],
    path,
  );
}

export function tooLarge(path: string | undefined, limit: number, size?: number): SpecLoadError {
  return new SpecLoadError(
    [
      {
        path: '',
        message: `the spec is larger than ${formatBytes(limit)}${size !== undefined ? ` (${size} bytes)` : ''}, the most lbkit reads`,
        fix: `check that this is the spec file (YAML specs may have ${formatBytes(SPEC_LIMITS.yamlBytes)}, JSON specs ${formatBytes(SPEC_LIMITS.jsonBytes)}); split a very large spec into several load balancers`,
      },
    ],
    path,
  );
}

/** The bytes as text; SpecLoadError for UTF-16, NUL bytes or bytes that are not UTF-8. A UTF-8 BOM is dropped. */
export function decodeSpecText(bytes: Buffer, file?: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const order = bytes[0] === 0xff ? 'little-endian' : 'big-endian';
    throw new SpecLoadError(
      [
        {
          path: '',
          line: 1,
          column: 1,
          message: `the file is UTF-16 (${order} byte order mark); spec files are UTF-8`,
          fix: 'save the file as UTF-8 (in PowerShell: Out-File -Encoding utf8; most editors: "Save with encoding")',
        },
      ],
      file,
    );
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const text = body.toString('utf8');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const at = new TextPositions(text).at(nul);
    throw new SpecLoadError(
      [
        {
          path: '',
          ...at,
          message: 'the file contains a NUL byte: it is binary, or UTF-16 without a byte order mark',
          fix: 'save the file as UTF-8 text',
        },
      ],
      file,
    );
  }
  if (!isUtf8(body)) {
    // The first invalid sequence decodes to U+FFFD; a literal U+FFFD before it would move the position, and is refused anyway.
    const at = new TextPositions(text).at(Math.max(0, text.indexOf('\ufffd')));
    throw new SpecLoadError(
      [{ path: '', ...at, message: 'the file is not valid UTF-8 here', fix: 'save the file as UTF-8 (it may be Latin-1 or another legacy encoding)' }],
      file,
    );
  }
  return text;
}
