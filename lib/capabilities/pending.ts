/**
 * A cell for a feature the cloud has but lbkit does not render for it yet: graded `unsupported` (a spec that
 * uses it fails, rather than deploying without it), naming the cloud's own mechanism and its source so that the
 * renderer, when it comes, turns the cell native with a claim test.
 */
import { unsupported, type Source, type Support } from './support';

export const pending = (mechanism: string, source: Source): Support =>
  unsupported(`lbkit does not render this yet; the target's own mechanism is ${mechanism}, to be created beside the load balancer`, source);
