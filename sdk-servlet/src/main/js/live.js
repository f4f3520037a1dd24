// The live channel of every Inflow element: a WebSocket, or Server-Sent Events where WebSocket is
// blocked (a proxy, or a page whose CSP allows https: but not wss:), reconnecting with backoff and
// resuming from the last sequence number seen, so nothing is missed or repeated.

/** Keeps a set of topics subscribed and hands every frame to `onFrame`; closes when `signal` aborts. */
export class Live {
  constructor(api, signal, onFrame) {
    Object.assign(this, {api, signal, onFrame, topics: new Set(), wait: 1000, failed: 0});
    signal.addEventListener('abort', () => this.conn?.close());
  }

  /** Subscribes exactly these topics from now on (connecting on first use). */
  set(topics) {
    const old = this.topics;
    this.topics = new Set(topics);
    const gone = [...old].filter(x => !this.topics.has(x)), added = [...this.topics].filter(x => !old.has(x));
    if (this.sse) {
      // An event stream's topics are fixed in its URL: open another one.
      if (!gone.length && !added.length && this.conn) return;
      this.conn?.close();
      this.conn = null;
      return this.connect();
    }
    if (this.conn?.readyState !== 1) return this.conn || this.connect();
    if (gone.length) this.send({type: 'unsubscribe', topics: gone});
    if (added.length) this.send({type: 'subscribe', topics: added});
  }

  send(frame) {
    this.conn.send(JSON.stringify(frame));
  }

  /** Where to resume: the last event seen, else where the element's first read left the channel. */
  get since() {
    return this.seq ?? this.api.seq;
  }

  receive(data) {
    const frame = JSON.parse(data);
    if (frame.type === 'event' && !(frame.seq <= this.seq)) this.seq = frame.seq;
    this.onFrame(frame);
  }

  async connect() {
    if (this.signal.aborted || (this.sse && !this.topics.size)) return;
    const url = new URL(this.sse ? 'live/sse' : 'live', this.api.base);
    const marker = this.conn = {close() {}};
    try {
      // A page on another origin cannot send its token with the handshake; a one-time ticket can.
      if (this.api.host.getAttribute('token')) url.searchParams.set('ticket', (await this.api.call('POST', 'live/tickets')).ticket);
    } catch (e) {
      return this.retry(marker);
    }
    if (this.conn !== marker) return;
    if (this.sse) {
      url.searchParams.set('topics', [...this.topics].join(','));
      if (this.since != null) url.searchParams.set('since', this.since);
      const es = this.conn = new EventSource(url);
      es.onopen = () => this.wait = 1000;
      es.onmessage = m => this.receive(m.data);
      // Tickets work once, so the browser's own reconnect would fail: reconnect with a fresh one.
      es.onerror = () => this.retry(es);
      return;
    }
    url.protocol = url.protocol.replace('http', 'ws');
    let ws, opened;
    try {
      ws = this.conn = new WebSocket(url);
    } catch (e) {
      return this.fallBack(marker);
    }
    ws.onopen = () => {
      opened = true;
      this.wait = 1000;
      if (this.topics.size) this.send({type: 'subscribe', topics: [...this.topics], since: this.since});
    };
    ws.onmessage = m => this.receive(m.data);
    // Chromium reports a connection its CSP blocks with an error event only, never a close.
    ws.onclose = ws.onerror = () => opened || ++this.failed < 2 ? this.retry(ws) : this.fallBack(ws);
  }

  fallBack(conn) {
    if (this.conn !== conn) return;
    this.sse = true;
    this.conn = null;
    this.connect();
  }

  retry(conn) {
    if (this.conn !== conn) return;
    conn.close();
    this.conn = null;
    if (this.signal.aborted) return;
    setTimeout(() => this.conn || this.connect(), this.wait);
    this.wait = Math.min(this.wait * 2, 30000);
  }
}
