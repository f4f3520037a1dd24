// Live updates for every Inflow element on the page: one connection per API base and user, the
// elements' topics multiplexed over it. WebSocket first; Server-Sent Events when WebSocket cannot
// get through (proxies that block it), with the same frames. Each subscription remembers the last
// sequence number it saw, so a reconnect resumes exactly where it stopped and a repeat is dropped.

const CAP = 30000; // longest wait between reconnects, ms
const GRACE = 2000; // a reconnect this quick is not worth telling anyone about
const IDLE = 20000; // silence after which a ping asks whether the socket still lives
// On the page, not in this module: a page that loads both /inflow/inflow.js and one element's entry
// (/inflow/comments.js) runs two copies of this code, which must still share one connection.
const channels = globalThis[Symbol.for('inflow.live')] ??= new Map();

/** Whom a token speaks for: a renewed token (new iat/exp) keeps its connection. */
const who = token => {
  try {
    const {aud, sub} = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return aud + '/' + sub;
  } catch {
    return token;
  }
};

/** Calls a subscriber, so that one element's failure cannot stop the others' updates. */
const safe = (fn, ...args) => {
  try {
    fn(...args);
  } catch (e) {
    reportError(e);
  }
};

/**
 * Follows a topic (`target:{key}`, `question:{id}`, `feed:home`, `topic:{tag}`, `notifications`)
 * from `since`, the `Inflow-Seq` of the response the element's view was loaded from, so that
 * nothing falls between load and subscribe (not a number: from now on). An event the view may
 * already show can come again: apply events by id and version.
 *
 * @param api the element's Api (its base URL and credentials pick the shared connection)
 * @param onEvent called with (event, frame) for every event after `since`, in order, once
 * @param onReset called when the server cannot replay the gap: reload the view and subscribe again
 *     with the new Inflow-Seq
 * @param onState called with 'live' when connected, 'offline' while reconnecting, or 'paused' with
 *     the error frame when the server refused the topic (e.g. 404: no longer visible to this user)
 * @return a function that ends the subscription (call it from disconnectedCallback)
 */
export function subscribe(api, topic, since, onEvent, onReset, onState = () => {}) {
  const token = api.host.getAttribute('token'), key = api.base + ' ' + (token ? who(token) : '');
  let c = channels.get(key);
  if (!c) channels.set(key, c = new Channel(api.base, !!token, () => channels.get(key) === c && channels.delete(key)));
  const sub = {api, seq: Number.isInteger(since) && since >= 0 ? since : -1, onEvent, onReset, onState};
  c.add(topic, sub);
  return () => c.remove(topic, sub);
}

class Channel {
  topics = new Map(); // topic → Set of subscriptions
  state = '';
  fails = 0; // connections in a row that delivered nothing
  gen = 0; // the current connection's number; callbacks of older ones are ignored

  constructor(base, ticketed, done) {
    Object.assign(this, {base, ticketed, done, ac: new AbortController()});
    // Back online or in view: reconnect now, not after the backoff. An attempt already under way
    // may have been sent while the network was down; if it fails, the next one goes at once.
    const wake = () => this.conn?.readyState === 1 || (this.timer ? this.connect() : this.woken = true);
    const {signal} = this.ac;
    window.addEventListener('online', wake, {signal});
    document.addEventListener('visibilitychange', () => document.hidden || wake(), {signal});
    this.ticker = setInterval(() => this.tick(), IDLE / 2);
    queueMicrotask(() => this.connect());
  }

  add(topic, sub) {
    let subs = this.topics.get(topic);
    if (!subs) this.topics.set(topic, subs = new Set());
    subs.add(sub);
    clearTimeout(this.idle);
    if (this.state) safe(sub.onState, this.state);
    // A second element on a topic may have loaded its view earlier: asking again from its `since`
    // replays what it lacks, and the others drop the repeats by their own sequence numbers.
    this.send('subscribe', topic);
    this.reopen();
  }

  remove(topic, sub) {
    const subs = this.topics.get(topic);
    if (!subs?.delete(sub) || subs.size) return;
    this.topics.delete(topic);
    this.send('unsubscribe', topic);
    this.reopen();
    this.maybeClose();
  }

  /** Closes the connection once no element has followed anything for a second (elements may move in the page). */
  maybeClose() {
    if (!this.topics.size) this.idle = setTimeout(() => this.topics.size || this.close(), 1000);
  }

  close() {
    this.gen++;
    this.conn?.close();
    this.conn = null;
    [this.timer, this.grace, this.idle, this.ticker].forEach(clearTimeout);
    this.ac.abort();
    this.done();
  }

  /** Opens the connection with every topic: WebSocket, or SSE once WebSocket has proven blocked. */
  async connect() {
    clearTimeout(this.timer);
    this.timer = 0;
    const gen = ++this.gen;
    this.conn?.close();
    this.conn = null;
    this.heard = this.pinged = this.working = 0;
    if (!this.topics.size) return this.close();
    const url = new URL(this.sse ? 'live/sse' : 'live', this.base), q = url.searchParams;
    try {
      // Cross-origin pages cannot send their token on a handshake: they trade it for a single-use ticket.
      const [{api}] = [...this.topics.values()].pop();
      if (this.ticketed) q.set('ticket', (await api.call('POST', 'live/tickets')).ticket);
    } catch {
      return this.lost(gen);
    }
    if (gen !== this.gen) return;
    if (this.sse) {
      const topics = [...this.topics.keys()], since = this.since(topics);
      q.set('topics', topics.join());
      if (since >= 0) q.set('since', since);
      this.conn = new EventSource(url);
      // EventSource would retry by itself, with a used ticket and one `since` for all topics: we retry instead.
      this.conn.onerror = () => this.lost(gen);
    } else {
      try {
        this.conn = new WebSocket(url.href.replace(/^http/, 'ws'));
      } catch {
        return this.lost(gen);
      }
      this.conn.onopen = () => this.topics.forEach((subs, topic) => this.send('subscribe', topic));
      // A WebSocket that the page's CSP blocks fires `error` and never `close`.
      this.conn.onerror = this.conn.onclose = () => this.lost(gen);
    }
    this.conn.onmessage = e => gen === this.gen && this.frame(JSON.parse(e.data));
  }

  /** The oldest position a subscriber of the topics needs events after; undefined for "from now on". */
  since(topics) {
    const min = Math.min(...topics.flatMap(t => [...this.topics.get(t)].map(s => s.seq)).filter(seq => seq >= 0));
    return min < Infinity ? min : undefined;
  }

  send(type, topic) {
    if (!this.sse && this.conn?.readyState === 1) {
      this.conn.send(JSON.stringify({type, topics: [topic], since: type === 'subscribe' ? this.since([topic]) : undefined}));
    }
  }

  /** SSE takes its topics in the URL: a change means a new stream (at once, but once per burst of changes). */
  reopen() {
    if (this.sse && this.conn) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.connect());
    }
  }

  frame(f) {
    const subs = this.topics.get(f.topic);
    this.heard = Date.now();
    this.pinged = 0;
    if (!this.working) {
      this.working = this.worked = true;
      this.fails = 0;
      this.woken = false;
      clearTimeout(this.grace);
      this.grace = 0;
      this.setState('live');
    }
    if (f.type === 'event') {
      subs?.forEach(s => {
        if (f.seq > s.seq) {
          s.seq = f.seq;
          safe(s.onEvent, f.event, f);
        }
      });
    } else if (f.type === 'reset') {
      subs?.forEach(s => {
        s.seq = f.seq;
        safe(s.onReset);
      });
    } else if (f.type === 'error' && subs) {
      // The server dropped the topic (e.g. 404, access withdrawn): no point asking again on reconnect.
      this.topics.delete(f.topic);
      subs.forEach(s => safe(s.onState, 'paused', f));
      this.maybeClose();
    }
  }

  /** The connection ended or never opened: retry with exponential backoff and full jitter. */
  lost(gen) {
    if (gen !== this.gen) return;
    this.gen++;
    this.conn?.close();
    this.conn = null;
    if (!this.topics.size) return this.close();
    if (!this.working) this.fails++;
    // Never a frame over WebSocket, twice: something between here and the server blocks it.
    if (!this.sse && !this.worked && this.fails > 1) {
      this.sse = true;
      this.fails = 0;
      return this.connect();
    }
    if (this.state !== 'offline' && !this.grace) {
      this.grace = setTimeout(() => this.setState('offline'), navigator.onLine ? GRACE : 0);
    }
    this.timer = setTimeout(() => this.connect(), this.woken ? 0 : Math.random() * Math.min(CAP, 500 * 2 ** this.fails));
    this.woken = false;
  }

  setState(state) {
    this.state = state;
    this.topics.forEach(subs => subs.forEach(s => safe(s.onState, state)));
  }

  /** Pings a quiet WebSocket so proxies keep it open, and drops it when the ping goes unanswered. */
  tick() {
    if (this.sse || this.conn?.readyState !== 1) return;
    if (this.pinged && Date.now() - this.pinged > IDLE / 2) return this.lost(this.gen);
    if (!this.pinged && Date.now() - this.heard > IDLE) {
      this.pinged = Date.now();
      this.conn.send('{"type":"ping"}');
    }
  }
}
