// Signs Inflow user tokens: a JWT with HS256 over the tenant's secret, as Inflow's TokenVerifier
// expects (sub, name, aud = tenant, iat, exp at most 5 minutes ahead; roles and expertise optional).
// Node's standard library is all it takes.
import { createHmac } from 'node:crypto';

const part = (json) => Buffer.from(JSON.stringify(json)).toString('base64url');

/**
 * @param {{id: string, name: string, roles?: string[], expertise?: string[]}} user who the page shows
 * @param {string} secret the tenant's token secret, used as its UTF-8 bytes (not base64-decoded)
 * @param {string} tenant the tenant id, `default` for a single-tenant server
 * @returns {string} a token valid for 5 minutes, the longest Inflow accepts
 */
export function inflowToken(user, secret, tenant = 'default') {
  const now = Math.floor(Date.now() / 1000);
  const header = part({ alg: 'HS256', typ: 'JWT' });
  const claims = part({
    sub: user.id, name: user.name, aud: tenant, iat: now, exp: now + 300,
    roles: user.roles ?? [], expertise: user.expertise ?? [],
  });
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}
