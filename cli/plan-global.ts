/** `lbkit plan <global spec> --target <global target>|all`: the resources and the capability row of a global spec. */
import { GLOBAL_FEATURES } from '../lib/capabilities/global-features';
import { judgeGlobal } from '../lib/capabilities/global-check';
import { loadGlobalModel } from '../lib/model/global';
import type { GlobalModel } from '../lib/model/global-types';
import { GLOBAL_BACKEND, GLOBAL_TARGET_IDS, planGlobal } from '../providers/global/backend';
import type { GlobalTargetId } from '../providers/global/targets';
import { reportLoadError, type Output } from './commands';
import { renderTable } from './table';

const SYMBOL = { native: '✓', nearest: '~', unsupported: '✗' } as const;

export function planGlobalCommand(file: string, target: string, io: Output): number {
  let model: GlobalModel;
  try {
    model = loadGlobalModel(file);
  } catch (e) {
    return reportLoadError(e, io);
  }
  if (target === 'all') {
    const defs = GLOBAL_BACKEND.targets;
    const reports = defs.map((d) => judgeGlobal(model, d, GLOBAL_TARGET_IDS));
    const used = GLOBAL_FEATURES.filter((f) => reports.some((r) => r.used.some((u) => u.feature === f.id)));
    const rows = used.map((f) => [
      f.id,
      ...reports.map((r) => {
        const u = r.used.find((x) => x.feature === f.id);
        return u ? SYMBOL[u.level] : '·';
      }),
    ]);
    io.out(`${model.name}: global capability matrix (✓ native, ~ nearest, ✗ unsupported)`);
    io.out('');
    io.out(
      renderTable(
        ['feature', ...defs.map((d) => d.id)],
        [...rows, ['compiles (strict)', ...reports.map((r) => (r.problems.length ? `no (${r.problems.length})` : 'yes'))]],
      ),
    );
    return 0;
  }
  if (!(GLOBAL_TARGET_IDS as readonly string[]).includes(target)) {
    io.err(`✗ unknown global target '${target}'; use one of: all, ${GLOBAL_TARGET_IDS.join(', ')}`);
    return 2;
  }
  const id = target as GlobalTargetId;
  const result = planGlobal(model, id);
  io.out(`${id}: ${GLOBAL_BACKEND.targets.find((t) => t.id === id)!.title}`);
  io.out('');
  io.out(
    renderTable(
      ['resource', 'id', 'detail'],
      GLOBAL_BACKEND.describe(result.plan, id).map((r) => [r.type, r.id, r.detail]),
    ),
  );
  io.out('');
  for (const p of result.problems) io.out(`error ${p.path}: ${p.message}`);
  for (const w of result.warnings) io.out(`warning ${w.path}: ${w.message}`);
  io.out(
    result.problems.length
      ? `✗ ${result.problems.length} error${result.problems.length === 1 ? '' : 's'}: ${id} cannot compile this global spec as written`
      : `✓ compiles to ${id}`,
  );
  return result.problems.length ? 1 : 0;
}
