/**
 * The construct's maps keyed by the spec's names, typed: when the spec is a typed constant (`as const`, or an
 * object literal passed straight to the construct), `lb.applicationTargetGroups.static` is an
 * ApplicationTargetGroup and `lb.targetGroups.typo` does not compile; with a spec file or a spec typed as
 * `LoadBalancerSpec`, the names are unknown to the compiler and the maps are keyed by string.
 */
import type { LoadBalancerSpec } from '../../../lib/spec/schema';

/** Every array of `T` readonly, so a spec written `as const` is accepted where a LoadBalancerSpec is. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** What the construct takes as `spec`: a LoadBalancerSpec, mutable or written `as const`. */
export type SpecConstant = DeepReadonly<LoadBalancerSpec>;

/** Frontend protocols an ALB serves; the others (tcp, tls, udp) an NLB. */
type ApplicationFrontend = 'http' | 'https';
/** Pool protocols of ALB target groups; the others (tcp, tls, udp) are NLB target groups. */
type ApplicationPool = 'http' | 'https' | 'grpc' | 'grpcs';

type Item<S, K extends 'frontends' | 'pools'> = S extends { readonly [P in K]?: readonly (infer I)[] } ? I : never;

/**
 * The names of the items of `S[K]` whose protocol is in `In` (`Out`: not in it), or `string` when the spec's
 * type does not know its names.
 */
type NamesOf<S, K extends 'frontends' | 'pools', P, In extends boolean> =
  Item<S, K> extends infer I
    ? I extends { readonly name: infer N extends string; readonly protocol: infer Q }
      ? string extends N
        ? string
        : [Q] extends [P]
          ? In extends true
            ? N
            : never
          : In extends true
            ? never
            : N
      : never
    : never;

/** A map by names: exactly these keys when they are known, else any string. */
export type ByName<N extends string, V> = string extends N ? Readonly<Record<string, V>> : Readonly<Record<N, V>>;

export type FrontendName<S> = NamesOf<S, 'frontends', string, true>;
export type ApplicationFrontendName<S> = NamesOf<S, 'frontends', ApplicationFrontend, true>;
export type NetworkFrontendName<S> = NamesOf<S, 'frontends', ApplicationFrontend, false>;
export type PoolName<S> = NamesOf<S, 'pools', string, true>;
export type ApplicationPoolName<S> = NamesOf<S, 'pools', ApplicationPool, true>;
export type NetworkPoolName<S> = NamesOf<S, 'pools', ApplicationPool, false>;
