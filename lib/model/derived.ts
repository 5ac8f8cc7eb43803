/**
 * Semantics derived from the model, computed here once for every backend: the actions of a frontend, the pools
 * they reach, the default port of a scheme, and where a redirect goes.
 */
import type { ActionModel, FrontendModel, LoadBalancerModel, PoolModel } from './types';

export type RedirectAction = Extract<ActionModel, { type: 'redirect' }>;
export type Scheme = 'http' | 'https';

/** The well-known port of a scheme (RFC 9110 §4.2): 80 for http, 443 for https. */
export function defaultPort(scheme: Scheme): number {
  return scheme === 'https' ? 443 : 80;
}

/** The pools one action forwards to (none for redirects and fixed responses). */
export function actionPools(action: ActionModel | undefined): string[] {
  if (!action) return [];
  if (action.type === 'forward') return [action.pool];
  if (action.type === 'weighted-forward') return action.targets.map((t) => t.pool);
  return [];
}

/** Every action of a frontend: its default action (if any), then its rules' actions in evaluation order. */
export function frontendActions(f: FrontendModel): ActionModel[] {
  return [...(f.defaultAction ? [f.defaultAction] : []), ...f.rules.map((r) => r.action)];
}

/** The names of the pools a frontend reaches, each once, in first-reached order. */
export function reachedPools(f: FrontendModel): string[] {
  return [...new Set(frontendActions(f).flatMap(actionPools))];
}

/** The pool models a frontend reaches, each once. */
export function reachedPoolModels(model: LoadBalancerModel, f: FrontendModel): PoolModel[] {
  return reachedPools(f).map((name) => model.pools.find((p) => p.name === name)!);
}

/** A redirect's scheme and port before any host is known. */
export interface RedirectDestination {
  /** The redirect's scheme, or the frontend's own. */
  readonly scheme: Scheme;
  /** The redirect's port; else the frontend's port when the scheme stays, the new scheme's default port when it changes. */
  readonly port: number;
  /** The port is the scheme's default, so a Location leaves it out. */
  readonly isDefaultPort: boolean;
}

/** Where a redirect of frontend `f` goes (SEMANTICS.md, redirects). */
export function redirectDestination(f: Pick<FrontendModel, 'protocol' | 'port'>, a: RedirectAction): RedirectDestination {
  const own: Scheme = f.protocol === 'https' ? 'https' : 'http';
  const scheme = a.scheme ?? own;
  const port = a.port ?? (scheme === own ? f.port : defaultPort(scheme));
  return { scheme, port, isDefaultPort: port === defaultPort(scheme) };
}
