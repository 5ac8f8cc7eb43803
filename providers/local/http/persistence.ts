/**
 * Session persistence: which member a request goes to before the algorithm is asked, and which cookies the
 * response carries for it. Pure functions of the request's cookies and the pool; cookies are values
 * returned, never written into the caller.
 *   lb-cookie   the cookie lbkit.<pool> names a member that may take work -> that member; otherwise the
 *               algorithm picks and the cookie is (re)set, Max-Age = durationSeconds.
 *   app-cookie  a request carrying the application's cookie and lbkit-app.<pool> naming a member that may
 *               take work -> that member; otherwise the algorithm picks. lbkit-app.<pool> is set when the
 *               member's response sets the application's cookie, or when a request carrying the
 *               application's cookie had to be re-picked.
 *   source-ip   the consistent-hash ring pins the client address to a member (ignores the algorithm;
 *               ../balancer/pool.ts choose()).
 * "May take work" is the pool's eligibility: available, or any non-draining member when failing open.
 */
import type { Member } from '../balancer/member';
import type { PoolRuntime } from '../balancer/pool';
import { appCookieName, cookieLine, lbCookieName, readCookie, setsCookie } from './cookies';

/** What persistence adds to the response of a request. */
export interface SessionCookies {
  /** Set-Cookie line of a weighted split's stickiness (lbkit-group.*), when due. */
  readonly group?: string;
  /** Set-Cookie line of lb-cookie persistence (lbkit.<pool>), when due. */
  readonly member?: string;
  /** app-cookie: the request carried the application's cookie but no usable binding (lbkit-app.<pool> is due). */
  readonly appRebind: boolean;
}

export interface PersistentChoice {
  readonly member: Member;
  readonly cookies: SessionCookies;
}

/**
 * The member for a new request and the cookies its response carries; undefined when the pool has nobody
 * to give. `group`: the split's stickiness cookie, when one is due.
 */
export function chooseMember(
  pool: PoolRuntime,
  raw: readonly string[],
  clientIp: string,
  now: number,
  secure: boolean,
  group: string | undefined,
): PersistentChoice | undefined {
  const p = pool.model.sessionPersistence;
  let preferred: Member | undefined;
  let appCookie = false;
  if (p?.type === 'lb-cookie') preferred = named(pool, readCookie(raw, lbCookieName(pool.name)));
  else if (p?.type === 'app-cookie' && readCookie(raw, p.cookieName) !== undefined) {
    appCookie = true;
    preferred = named(pool, readCookie(raw, appCookieName(pool.name)));
  }
  const member = pool.choose({ clientKey: clientIp, now, preferred });
  if (!member) return undefined;
  // The named member is chosen whenever it may take work: any other choice is a re-pick.
  const repicked = member !== preferred;
  const memberCookie = p?.type === 'lb-cookie' && repicked ? cookieLine(lbCookieName(pool.name), member.id, pool.cookieMaxAge, secure) : undefined;
  return { member, cookies: { group, member: memberCookie, appRebind: appCookie && repicked } };
}

function named(pool: PoolRuntime, id: string | undefined): Member | undefined {
  return id !== undefined ? pool.memberById(id) : undefined;
}

/** After a retry moved the request to `m`: the persistence cookie is re-issued for the new member. */
export function repinned(cookies: SessionCookies, pool: PoolRuntime, m: Member, secure: boolean): SessionCookies {
  const p = pool.model.sessionPersistence;
  if (p?.type === 'lb-cookie') return { ...cookies, member: cookieLine(lbCookieName(pool.name), m.id, pool.cookieMaxAge, secure) };
  if (p?.type === 'app-cookie') return { ...cookies, appRebind: true };
  return cookies;
}

/** The Set-Cookie lines for the response `m` gave (its header fields `response`); undefined when none. */
export function responseCookies(cookies: SessionCookies, pool: PoolRuntime, m: Member, response: readonly string[], secure: boolean): string[] | undefined {
  let lines: string[] | undefined;
  if (cookies.group) (lines ??= []).push(cookies.group);
  if (cookies.member) (lines ??= []).push(cookies.member);
  const p = pool.model.sessionPersistence;
  if (p?.type === 'app-cookie' && (cookies.appRebind || setsCookie(response, p.cookieName))) {
    (lines ??= []).push(cookieLine(appCookieName(pool.name), m.id, pool.cookieMaxAge, secure));
  }
  return lines;
}
