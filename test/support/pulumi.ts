/**
 * Pulumi unit-test harness (pulumi.runtime.setMocks, as Pulumi documents for unit tests): records every
 * resource a program registers, waits until registration settles, and renders a stable snapshot.
 *
 * Call `mockPulumi()` at the top of a test file, before importing the module under test's resources.
 */
import * as pulumi from '@pulumi/pulumi';
import { MockMonitor } from '@pulumi/pulumi/runtime/mocks';
import { canonical } from './json';

// The mock monitor does not pass a resource's parent to `newResource`; note it on the way in, so that
// tests can assert that every child is parented to its component.
const parents = new Map<string, string>();
type RegisterRequest = { getType(): string; getName(): string; getParent(): string };
const monitor = MockMonitor.prototype as unknown as { registerResource(req: RegisterRequest, cb: unknown): unknown; __lbkitPatched?: boolean };
if (!monitor.__lbkitPatched) {
  const original = monitor.registerResource;
  monitor.registerResource = function (this: unknown, req: RegisterRequest, cb: unknown) {
    parents.set(`${req.getType()}::${req.getName()}`, req.getParent());
    return original.call(this, req, cb);
  };
  monitor.__lbkitPatched = true;
}

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** Name of the parent resource (undefined at the stack root). */
  readonly parent?: string;
  readonly urn: string;
}

export interface PulumiRecorder {
  readonly resources: RecordedResource[];
  /** Resources of a type token (e.g. 'aws:lb/listener:Listener'). */
  ofType(type: string): RecordedResource[];
  /** The one resource of a type and logical name. */
  get(type: string, name: string): RecordedResource;
  /** Clears what was recorded (between tests). */
  reset(): void;
}

const urnName = (urn: string | undefined): string | undefined => (urn ? urn.split('::').pop() : undefined);

/**
 * Installs the mocks. `state` may add provider-computed outputs (arn, dnsName, id) per resource type.
 */
export function mockPulumi(state: (type: string, name: string, inputs: Record<string, unknown>) => Record<string, unknown> = () => ({})): PulumiRecorder {
  const resources: RecordedResource[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const parentUrn = parents.get(`${args.type}::${args.name}`);
        const urn = `urn:pulumi:test::lbkit::${args.type}::${args.name}`;
        resources.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs as Record<string, unknown>,
          parent: urnName(parentUrn || undefined),
          urn,
        });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...state(args.type, args.name, args.inputs as Record<string, unknown>) } };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    'lbkit',
    'test',
    false,
  );
  return {
    resources,
    ofType: (type) => resources.filter((r) => r.type === type),
    get(type, name) {
      const found = resources.filter((r) => r.type === type && r.name === name);
      if (found.length !== 1) {
        throw new Error(`expected one ${type} named ${name}, found ${found.length}; have: ${resources.map((r) => `${r.type}::${r.name}`).join(', ')}`);
      }
      return found[0];
    },
    reset: () => {
      resources.length = 0;
    },
  };
}

/** Resolves an Output (or plain value) in a test. */
export function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) =>
    pulumi.output(output).apply((v) => {
      resolve(v as T);
      return v;
    }),
  );
}

/**
 * Waits until every given resource has registered and no new resource appeared for a while: children
 * created in callbacks (apply) register after their inputs resolve.
 */
export async function settle(recorder: PulumiRecorder, roots: readonly pulumi.Resource[] = []): Promise<void> {
  await Promise.all(roots.map((r) => valueOf(r.urn)));
  let last = -1;
  let stable = 0;
  while (stable < 20) {
    await new Promise((r) => setImmediate(r));
    if (recorder.resources.length === last) stable++;
    else {
      stable = 0;
      last = recorder.resources.length;
    }
  }
}

/** A stable, readable rendering of the recorded graph for snapshots: sorted, ids and undefined fields dropped. */
export function snapshotOf(recorder: PulumiRecorder): Array<{ type: string; name: string; parent?: string; inputs: unknown }> {
  return [...recorder.resources]
    .sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type.localeCompare(b.type)))
    .map((r) => ({ type: r.type, name: r.name, ...(r.parent ? { parent: r.parent } : {}), inputs: clean(r.inputs) }));
}

const clean = canonical;
