/**
 * What every global construct does with its input before it plans: the model (its problems carry the
 * construct path), and the check that the hosted zone given is the spec's zone.
 */
import { Token } from 'aws-cdk-lib';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { problemsError, type Problem } from '../../../lib/errors';
import type { GlobalSpecInput } from '../../../lib/global-backend';
import { globalModelOf } from '../../../lib/global-input';
import type { GlobalModel } from '../../../lib/model/global-types';

/** The global model of a construct's input; a spec problem is thrown at the construct's path. */
export function globalModelAt(construct: Construct, props: GlobalSpecInput): GlobalModel {
  try {
    return globalModelOf(props, 'LBKIT_GLOBAL_PLACEMENT');
  } catch (e) {
    throw 'at' in (e as object) ? (e as ReturnType<typeof problemsError>).at(construct.node.path) : e;
  }
}

/** The hosted zone must be the spec's zone (when its name is known at synthesis). */
export function zoneProblems(zone: route53.IHostedZone | undefined, specZone: string): Problem[] {
  if (!zone) return [];
  let name: string | undefined;
  try {
    name = zone.zoneName;
  } catch {
    return []; // an imported zone known by id only
  }
  if (Token.isUnresolved(name) || name.replace(/\.$/, '').toLowerCase() === specZone) return [];
  return [
    {
      code: 'LBKIT_GLOBAL_PLACEMENT',
      path: 'hostedZone',
      message: `the hosted zone is '${name}', the spec's zone is '${specZone}'`,
      fix: `pass the hosted zone of '${specZone}'`,
    },
  ];
}
