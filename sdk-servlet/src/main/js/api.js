// The API client every Inflow element uses. Two modes, chosen by the element's attributes:
// same-origin (the host's login cookie; writes carry the CSRF token from /me) and cross-origin
// (the signed user token of the `token` attribute; cookies are never sent).

/** A failed call, with the fields of the server's problem+json (status 0: no answer at all). */
export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = 0) {
    super(problem.detail || 'HTTP ' + status);
    Object.assign(this, problem, {status, retryAfter, kind: String(problem.type).split('/').pop()});
  }
}

export const uuid = () => crypto.randomUUID?.()
  // randomUUID needs a secure context; intranet hosts are often plain http.
  ?? crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');

export class Api {
  /** @param host the element whose `api` and `token` attributes configure the client */
  constructor(host, signal) {
    this.host = host;
    this.signal = signal;
  }

  get base() {
    const api = this.host.getAttribute('api');
    // Served as /inflow/v/<hash>/api.js, so the mount path is two levels up.
    return api ? api.replace(/\/?$/, '/') : new URL('../../', import.meta.url).href;
  }

  /** @return the signed-in user, csrfToken, maxBodyChars and reactions, fetched once */
  me(fresh) {
    if (fresh || !this.meCall) {
      this.meCall = this.call('GET', 'me').catch(e => {
        this.meCall = null;
        throw e;
      });
    }
    return this.meCall;
  }

  /** Calls `/api/v1/<path>`; resolves to the JSON answer (null for 204), rejects with ApiError. */
  async call(method, path, body, headers = {}, retried) {
    const token = this.host.getAttribute('token');
    const h = {Accept: 'application/json', ...headers};
    if (body) h['Content-Type'] = 'application/json';
    if (token) h.Authorization = 'Bearer ' + token;
    else if (method !== 'GET') h['X-CSRF-Token'] = (await this.me()).csrfToken || '';
    let res;
    try {
      res = await fetch(new URL('api/v1/' + path, this.base), {
        method, headers: h, body: body && JSON.stringify(body),
        credentials: token ? 'omit' : 'same-origin', signal: this.signal,
      });
    } catch (e) {
      throw this.signal.aborted ? e : new ApiError(0);
    }
    const json = res.status === 204 ? null : await res.json().catch(() => ({}));
    if (res.ok) return json;
    const error = new ApiError(res.status, json, +res.headers.get('Retry-After'));
    if (!retried && token && error.kind === 'invalid-token') {
      await this.renewToken(error);
      return this.call(method, path, body, headers, true);
    }
    if (!retried && !token && error.kind === 'csrf') {
      // The server restarted with a new CSRF key: learn the new token and try again.
      await this.me(true);
      return this.call(method, path, body, headers, true);
    }
    throw error;
  }

  /** Asks the host page for a fresh token (event `inflow-token-expired`) and waits for it. */
  renewToken(error) {
    return this.renewal ??= new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(error), 30000);
      this.renewed = () => {
        clearTimeout(timer);
        resolve();
      };
      this.host.dispatchEvent(new CustomEvent('inflow-token-expired', {bubbles: true, composed: true}));
    }).finally(() => {
      this.renewal = this.renewed = null;
    });
  }

  /** The element calls this when its `token` attribute changes. */
  tokenChanged() {
    this.renewed?.();
  }
}
