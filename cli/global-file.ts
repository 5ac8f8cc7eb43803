/** Tells a global spec file (kind: global) from a LoadBalancer spec file, for `plan` and `emulate`. */
import { readFileSync } from 'node:fs';
import { isGlobalSpecData } from '../lib/spec/global-load';
import { parseSpecText } from '../lib/spec/load';

/** True when the file says `kind: global` (a file that cannot be read or parsed is left to the normal path). */
export function isGlobalSpecFile(file: string): boolean {
  try {
    return isGlobalSpecData(parseSpecText(readFileSync(file, 'utf8'), file).data);
  } catch {
    return false;
  }
}
