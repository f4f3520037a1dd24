// The API client of every Inflow element. Same-origin mode uses the host's login cookie and sends
// the CSRF token from /me on writes; with a `token` attribute it sends that signed token instead
// and never cookies, so it works from pages on other origins.

/** A failed call with the fields of the problem+json; status 0 when the server was not reached. */
export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = 0) {
    super(problem.detail || 'HTTP ' + status);
    Object.assign(this, problem, {status, retryAfter, kind: String(problem.type).split('/').pop()});
  }
}

// randomUUID needs a secure context; intranet pages are often plain http.
export const uuid = () => crypto.randomUUID?.()
  ?? crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');

export class Api {
  constructor(host, signal) {
    this.host = host;
    this.signal = signal;
  }

  /** The `api` attribute, else where this module came from: /inflow/v/<hash>/api.js is two levels down. */
  get base() {
    const api = this.host.getAttribute('api');
    return api ? api.replace(/\/?$/, '/') : new URL('../../', import.meta.url).href;
  }

  /** @return {signedIn, user, csrfToken, maxBodyChars, reactions}, fetched once (again when fresh) */
  me(fresh) {
    if (fresh || !this.who) this.who = this.call('GET', 'me').catch(e => { this.who = null; throw e; });
    return this.who;
  }

  /** Calls /api/v1/<path>: the JSON answer (null for 204), else rejects with an ApiError. */
  async call(method, path, body, headers) {
    return (await this.request(method, path, body, headers)).json;
  }

  /**
   * Like {@link call}, resolving to {json, headers}. Reads carry `Inflow-Seq`, the live position
   * to subscribe from so that no change falls between loading a view and following it.
   */
  async request(method, path, body, headers = {}, retried) {
    const token = this.host.getAttribute('token');
    const h = {Accept: 'application/json', ...headers};
    if (body) h['Content-Type'] = 'application/json';
    if (token) h.Authorization = 'Bearer ' + token;
    else if (method !== 'GET') h['X-CSRF-Token'] = (await this.me()).csrfToken || '';
    let res;
    try {
      res = await fetch(new URL('api/v1/' + path, this.base), {method, headers: h, body: body && JSON.stringify(body),
        credentials: token ? 'omit' : 'same-origin', signal: this.signal});
    } catch (e) {
      throw this.signal.aborted ? e : new ApiError(0);
    }
    const json = res.status === 204 ? null : await res.json().catch(() => ({}));
    if (res.ok) return {json, headers: res.headers};
    const error = new ApiError(res.status, json, +res.headers.get('Retry-After'));
    // Retry once: with the fresh token the host hands us, or with the CSRF token of a restarted server.
    if (!retried && (token ? error.kind === 'invalid-token' : error.kind === 'csrf')) {
      await (token ? this.renewToken(error) : this.me(true));
      return this.request(method, path, body, headers, true);
    }
    throw error;
  }

  /** Fires `inflow-token-expired` at the host page and waits for it to set a new `token`. */
  renewToken(error) {
    return this.renewal ??= new Promise((resolve, reject) => {
      const timer = setTimeout(reject, 30000, error);
      this.renewed = () => resolve(clearTimeout(timer));
      this.host.dispatchEvent(new CustomEvent('inflow-token-expired', {bubbles: true, composed: true}));
    }).finally(() => this.renewal = this.renewed = null);
  }

  /** The element calls this when its `token` attribute changes. */
  tokenChanged() {
    this.renewed?.();
  }
}
