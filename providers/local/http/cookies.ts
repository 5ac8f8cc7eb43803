/**
 * Persistence cookies. Names use '.' (never in spec names) so no pool, frontend or rule name can collide:
 *   lb-cookie           lbkit.<pool>=<member id>
 *   app-cookie          lbkit-app.<pool>=<member id>
 *   group stickiness    lbkit-group.<frontend>.<rule id>=<pool>  (lbkit-group.<frontend> for the default action)
 * A member id is 8 hex digits of hash32('<host>:<port>'): stable for a binding, opaque to clients.
 * Attributes: Path=/; Max-Age=<duration> (none for a session cookie); HttpOnly; plus Secure on https frontends.
 */
export const lbCookieName = (pool: string) => `lbkit.${pool}`;
export const appCookieName = (pool: string) => `lbkit-app.${pool}`;
export const groupCookieName = (frontend: string, ruleId: string | undefined) => (ruleId ? `lbkit-group.${frontend}.${ruleId}` : `lbkit-group.${frontend}`);

/** The value of cookie `name` in the request's Cookie headers (the first occurrence), or undefined. */
export function readCookie(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length !== 6 || raw[i].toLowerCase() !== 'cookie') continue;
    const v = cookieIn(raw[i + 1], name);
    if (v !== undefined) return v;
  }
  return undefined;
}

function cookieIn(header: string, name: string): string | undefined {
  let from = 0;
  while (from < header.length) {
    const at = header.indexOf(name, from);
    if (at < 0) return undefined;
    const before = at === 0 ? '' : header.slice(0, at).trimEnd();
    const boundary = at === 0 || before.length === 0 || before.endsWith(';');
    if (boundary && header.charCodeAt(at + name.length) === 61 /* '=' */) {
      const end = header.indexOf(';', at);
      return header.slice(at + name.length + 1, end < 0 ? undefined : end).trim();
    }
    from = at + name.length;
  }
  return undefined;
}

/** Whether the member's response sets cookie `name` (Set-Cookie names are case-sensitive). */
export function setsCookie(raw: readonly string[], name: string): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length !== 10 || raw[i].toLowerCase() !== 'set-cookie') continue;
    const v = raw[i + 1];
    const eq = v.indexOf('=');
    if (eq > 0 && v.slice(0, eq).trim() === name) return true;
  }
  return false;
}

/** `maxAgeSeconds` undefined: a session cookie (no Max-Age; the browser drops it when it closes). */
export function cookieLine(name: string, value: string, maxAgeSeconds: number | undefined, secure: boolean): string {
  return `${name}=${value}${maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`}; Path=/; HttpOnly${secure ? '; Secure' : ''}`;
}
