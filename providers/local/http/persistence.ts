/**
 * Session persistence: which member a request goes to before the algorithm is asked.
 *   lb-cookie   the cookie lbkit.<pool> names a member that may take work -> that member; otherwise the
 *               algorithm picks and the cookie is (re)set, Max-Age = durationSeconds.
 *   app-cookie  a request carrying the application's cookie and lbkit-app.<pool> naming a member that may
 *               take work -> that member; otherwise the algorithm picks. lbkit-app.<pool> is set when the
 *               member's response sets the application's cookie, or when a request carrying the
 *               application's cookie had to be re-picked (transaction.ts).
 *   source-ip   the consistent-hash ring pins the client address to a member (ignores the algorithm).
 * "May take work" is the pool's eligibility: available, or any non-draining member when failing open.
 */
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { appCookieName, cookieLine, lbCookieName, readCookie } from './cookies';

export interface PersistenceOut {
  memberCookie?: string;
  /** app-cookie: the request carried the application's cookie but not a usable binding. */
  appRebind?: boolean;
}

/** The member for a new request (after pool.prepare()); undefined when the pool has none to give. */
export function pickMember(pool: PoolRuntime, raw: readonly string[], clientIp: string, secure: boolean, out: PersistenceOut): Member | undefined {
  const p = pool.model.sessionPersistence;
  if (!p) return pool.pick(clientIp);
  if (p.type === 'source-ip') return pool.pinned(clientIp);
  if (p.type === 'lb-cookie') {
    const id = readCookie(raw, lbCookieName(pool.name));
    const named = id !== undefined ? pool.memberById(id) : undefined;
    if (named && pool.eligible(named)) return named;
    const m = pool.pick(clientIp);
    if (m) out.memberCookie = cookieLine(lbCookieName(pool.name), m.id, pool.cookieMaxAge, secure);
    return m;
  }
  if (readCookie(raw, p.cookieName) !== undefined) {
    const id = readCookie(raw, appCookieName(pool.name));
    const named = id !== undefined ? pool.memberById(id) : undefined;
    if (named && pool.eligible(named)) return named;
    out.appRebind = true;
  }
  return pool.pick(clientIp);
}

/** After a retry moved the request: re-issue the persistence cookie for the new member. */
export function repinned(pool: PoolRuntime, m: Member, secure: boolean, out: PersistenceOut): void {
  const p = pool.model.sessionPersistence;
  if (p?.type === 'lb-cookie') out.memberCookie = cookieLine(lbCookieName(pool.name), m.id, pool.cookieMaxAge, secure);
  else if (p?.type === 'app-cookie') out.appRebind = true;
}

/** The lbkit-app.<pool> cookie to add to a response, when one is due. */
export function appCookieFor(pool: PoolRuntime, m: Member, responseSetsAppCookie: boolean, secure: boolean, out: PersistenceOut): string | undefined {
  const p = pool.model.sessionPersistence;
  if (p?.type !== 'app-cookie' || !(responseSetsAppCookie || out.appRebind)) return undefined;
  return cookieLine(appCookieName(pool.name), m.id, pool.cookieMaxAge, secure);
}
