/** Runs the lbkit command line in-process and collects what it printed and the exit code it set. */
import { buildProgram } from '../../cli/main';

export async function lbkit(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  process.exitCode = 0;
  const program = buildProgram(io).configureOutput({ writeOut: (t) => out.push(t), writeErr: (t) => err.push(t) });
  let code: number;
  try {
    await program.parseAsync(['node', 'lbkit', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode ?? 99;
  } finally {
    process.exitCode = 0;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** One run of the command line: what the test says, the arguments, the exit code, and what it prints where (a part or a pattern). */
export type RunCase = readonly [title: string, args: readonly string[], code: number, stream: 'out' | 'err', prints: string | RegExp];

/** A test per case: lbkit with its arguments exits with its code and prints what it says on its stream. */
export function testRuns(cases: readonly RunCase[]): void {
  test.each(cases)('%s', async (_title, args, code, stream, prints) => {
    const r = await lbkit(...args);
    expect(r.code).toBe(code);
    expect(r[stream]).toMatch(prints);
  });
}
