/** `lbkit validate` for global spec files (kind: global): every problem of the file and of its regions' specs. */
import { loadGlobalModel } from '../lib/model/global';
import { reportLoadError, type Output } from './commands';

export function validateGlobalCommand(files: readonly string[], io: Output): number {
  let failed = 0;
  for (const file of files) {
    try {
      const model = loadGlobalModel(file);
      io.out(
        `✓ ${file}: valid global spec (${model.regions.length} region${model.regions.length === 1 ? '' : 's'}, ${model.steering.policy} steering, ${model.delivery} delivery)`,
      );
    } catch (e) {
      failed += reportLoadError(e, io);
    }
  }
  return failed ? 1 : 0;
}
