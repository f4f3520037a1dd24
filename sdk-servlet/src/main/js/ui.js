// Rendering helpers, the look and the lifecycle every Inflow element shares. Elements are built
// from createElement and text nodes, never from HTML strings; the one exception is the server's
// sanitised `html` of a post.
import {Api, ApiError} from './api.js';
import {i18n} from './i18n.js';

/** @return a new element; attributes with null/false values are left out, children are nodes or text */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value != null && value !== false) el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

/** @return a button that runs the element's `do<act>` when clicked; looks like a link unless attrs set another class */
export const button = (act, text, attrs) => h('button', {type: 'button', part: 'button', class: 'link', 'data-act': act, ...attrs}, text);

/** @return a `<template>` holding the node, to stamp out with {@link stamp} */
export function template(node) {
  const t = document.createElement('template');
  t.content.append(node);
  return t;
}

/** @return a deep copy of the template's element */
export const stamp = t => t.content.firstElementChild.cloneNode(true);

/** Defines an Inflow element once, whichever of the entry modules (inflow.js, comments.js, ...) loaded it. */
export const define = (name, element) => customElements.get(name) || customElements.define(name, element);

// A property, not a module variable: the minifier may inline uid() into another chunk, where a
// module variable is a read-only import and ++ on it would throw.
const ids = {n: 0};
/** @return an id unique in the page, for label/aria references inside a shadow root */
export const uid = () => 'i' + ++ids.n;

/** @return a constructable stylesheet; adoptedStyleSheets work under a strict style-src CSP */
export function sheet(css) {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}

// The dark palette, for `theme="dark"` and, unless `theme="light"`, for pages whose reader prefers dark.
const DARK = /* css */ `color-scheme:dark;--_a:var(--inflow-accent,#7aa7ff);--_on:var(--inflow-on-accent,#0b1220);
--_bg:var(--inflow-bg,#111827);--_fg:var(--inflow-text,#e5e7eb);--_mu:var(--inflow-muted,#a1a9b6);
--_bd:var(--inflow-border,#6b7280);--_sf:var(--inflow-surface,#1f2937);--_er:var(--inflow-danger,#fca5a5)`;

/**
 * The look every Inflow element shares. Hosts theme it with the --inflow-* custom properties
 * (docs/theming.md lists them), with ::part() on the parts each element names, and with the
 * `theme` attribute (light, dark; default: the reader's prefers-color-scheme). The font is the
 * page's unless --inflow-font says otherwise.
 */
export const base = sheet(`
:host{color-scheme:light;--_a:var(--inflow-accent,#2563eb);--_on:var(--inflow-on-accent,#fff);--_bg:var(--inflow-bg,#fff);
--_fg:var(--inflow-text,#1f2937);--_mu:var(--inflow-muted,#5b6472);--_bd:var(--inflow-border,#868e9c);
--_sf:var(--inflow-surface,#f3f4f6);--_er:var(--inflow-danger,#b91c1c);--_r:var(--inflow-radius,8px);
--_g:var(--inflow-gap,.75rem);display:block;font-family:var(--inflow-font,inherit);
font-size:var(--inflow-font-size,inherit);line-height:var(--inflow-line-height,1.5);color:var(--_fg);background:var(--_bg)}
:host([theme=dark]){${DARK}}@media (prefers-color-scheme:dark){:host(:not([theme=light])){${DARK}}}
*{box-sizing:border-box}[hidden]{display:none!important}
button,select,textarea,input{font:inherit;color:inherit;max-width:100%}
button{cursor:pointer;border:1px solid var(--_bd);border-radius:var(--_r);background:var(--_sf);padding:.2em .7em;min-height:2em}
button:hover{border-color:var(--_a)}button[disabled]{cursor:default;opacity:.6}
button.primary{background:var(--_a);border-color:var(--_a);color:var(--_on)}
button.link{border-color:transparent;background:none;padding:.1em .3em;color:var(--_a)}
button[aria-pressed=true]{border-color:var(--_a);background:color-mix(in srgb,var(--_a) 18%,var(--_bg))}
:focus-visible{outline:var(--inflow-focus-width,2px) solid var(--inflow-focus,var(--_a));outline-offset:2px}
textarea,select,input{background:var(--_bg);border:1px solid var(--_bd);border-radius:var(--_r);padding:.4em}
textarea{display:block;width:100%;min-height:5em;resize:vertical}
[aria-invalid=true]{border-color:var(--_er)}
.muted,small{color:var(--_mu);font-size:.875em}.error{color:var(--_er)}
.live{display:flex;flex-wrap:wrap;gap:0 var(--_g);min-height:1.5em;margin:.25em 0}.error:empty{display:none}
.avatar{flex:none;width:var(--inflow-avatar-size,2em);height:var(--inflow-avatar-size,2em);border-radius:50%;
display:inline-grid;place-items:center;object-fit:cover;background:var(--_sf);font-size:.8em;font-weight:600}
.sk{list-style:none;display:flow-root}.sk i{display:block;height:.8em;margin:.6em 0;border-radius:4px;background:var(--_sf);width:60%}
.sk i:first-child{width:30%;height:2em;border-radius:var(--_r)}.sk i:last-child{width:90%}
h2{margin:0;font-size:var(--inflow-title-size,1.25em)}.form{display:grid;gap:.4em}
.bar,.meta{display:flex;flex-wrap:wrap;gap:.4em;align-items:center}
.list{list-style:none;margin:0;padding:0}.list[aria-busy=true]+.empty,.list:not(:empty)+.empty{display:none}.more{margin:.5em 0}
.tabs{display:flex;border-bottom:1px solid var(--_bd)}[role=tab]{border:0;border-radius:0;background:none}
[role=tab][aria-selected=true]{font-weight:600}
.body{overflow-wrap:anywhere}.body a{color:var(--_a)}.body pre{overflow:auto}
`);

/** @return placeholders of the shape of what is loading, hidden from screen readers (the container says aria-busy) */
export const skeleton = (tag, n) => Array.from({length: n}, () => h(tag, {class: 'sk', 'aria-hidden': 'true'}, h('i'), h('i'), h('i')));

/**
 * Ties a form control to the elements that describe it (hint, counter, error text): ids for
 * aria-describedby, so that a screen reader reads them with the field.
 */
export function describe(control, ...describers) {
  control.setAttribute('aria-describedby', describers.map(d => d.id ||= uid()).join(' '));
}

/** Shows (or clears) a form control's error: the text in its error element, aria-invalid on the control. */
export function invalid(control, error, text) {
  error.textContent = text || '';
  control.setAttribute('aria-invalid', String(!!text));
}

/**
 * The line every element keeps above its content for what it says: a polite live region (role
 * status) that announces what happened (new content, saved, failed) and one for the live
 * connection's state. Its height is reserved, so that a message never moves the content below.
 *
 * @return {el, say(text, error), state(s)}: the line; shows and announces a message, errors in the
 *   error colour; and the onState callback for live.js's subscribe
 */
export function liveLine(t) {
  const status = h('span', {part: 'status', class: 'status', role: 'status'});
  const conn = h('span', {part: 'status connection', class: 'muted', role: 'status'});
  return {
    el: h('div', {class: 'live'}, status, conn),
    status,
    state: s => conn.textContent = s === 'offline' ? t('reconnecting') : s === 'paused' ? t('paused') : '',
  };
}

/** @return the API path with the page `cursor` asked for (none: the first page) */
export const paged = (path, cursor) => path + (cursor ? (path.includes('?') ? '&' : '?') + 'cursor=' + encodeURIComponent(cursor) : '');

/** Takes a list's placeholders away and says it is no longer busy. */
export function loaded(list) {
  list.querySelectorAll('.sk').forEach(el => el.remove());
  list.setAttribute('aria-busy', 'false');
}

/**
 * @return a tab list with a tab per [name, label], each controlling the panel with id `panel`;
 *   the tab named `selected` is chosen and the one Tab reaches (none: the element picks later)
 */
export const tablist = (label, tabs, panel, selected) => h('div', {part: 'tabs', class: 'tabs', role: 'tablist', 'aria-label': label},
  ...tabs.map(([name, text]) => h('button', {type: 'button', part: 'tab', role: 'tab', id: panel + name, 'data-tab': name, 'data-act': 'Tab',
    'aria-controls': panel, 'aria-selected': String(name === selected), tabindex: name === selected ? 0 : -1}, text)));

/**
 * The keyboard in a tab list: arrows move to the neighbouring tab (round the ends), Home and End
 * to the first and last. @return the tab that now has the focus, to select; null for other keys
 */
export function nextTab(e) {
  const el = e.target, k = e.key;
  if (el.getAttribute?.('role') !== 'tab' || !/^(Arrow(Left|Right)|Home|End)$/.test(k)) return null;
  e.preventDefault();
  const tabs = [...el.parentNode.children], i = tabs.indexOf(el), n = tabs.length;
  const next = tabs[k === 'Home' ? 0 : k === 'End' ? n - 1 : (i + (k === 'ArrowRight' ? 1 : -1) + n) % n];
  next.focus();
  return next;
}

/**
 * What every Inflow element shares. Its shadow root has the common look and the element's own
 * sheet. Connecting it, and changing an observed attribute other than `token`, starts it over
 * (`start()`, which calls {@link begin}) unless {@link changed} handles the change; a new `token`
 * goes to the Api, which waits for one after an `inflow-token-expired`. Failed calls are explained
 * on its status line ({@link say}), where `this.status` is the element's role=status node.
 */
export class InflowElement extends HTMLElement {
  constructor(css) {
    super();
    this.attachShadow({mode: 'open'}).adoptedStyleSheets = [base, css];
  }

  connectedCallback() {
    this.start();
  }

  disconnectedCallback() {
    this.ac.abort();
    this.halt();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.ac || this.ac.signal.aborted || old === value) return;
    if (name === 'token') this.api.tokenChanged();
    else if (!this.changed(name, value)) this.start();
  }

  /** @return whether the element took the change of this attribute in its stride (else it starts over) */
  changed() {
    return false;
  }

  /** Ends what a start set going: the timer that keeps times current; elements add their own (live subscriptions). */
  halt() {
    clearInterval(this.timer);
  }

  /** Starts over: ends the last start's work. @return the signal of this start, which the fresh `this.api` uses */
  begin() {
    this.ac?.abort();
    this.halt();
    this.ac = new AbortController();
    this.api = new Api(this, this.ac.signal);
    return this.ac.signal;
  }

  /**
   * Gets the messages, then listens to the event `types` in the shadow root and keeps its times
   * ("3 minutes ago") current. A language other than English is fetched first: send the first API
   * calls before, so that both travel together.
   *
   * @return the element's i18n (also `this.i`), or null when a newer start has begun meanwhile
   */
  async speak(signal, ...types) {
    const i = await i18n(this), root = this.shadowRoot;
    if (signal.aborted) return null;
    this.i = i;
    for (const type of types) root.addEventListener(type, this, {signal});
    this.timer = setInterval(() => root.querySelectorAll('time').forEach(el => el.textContent = i.ago(el.dateTime)), 60000);
    return i;
  }

  /** Runs an action (a promise or a value), showing why it failed if it does. */
  run(work) {
    Promise.resolve(work).catch(e => this.fail(e));
  }

  /** Explains a failed call on the status line; `this.notFoundMessage` may name the message for a 404. Other errors are bugs: rethrown. */
  fail(e) {
    if (e.name === 'AbortError') return;
    if (!(e instanceof ApiError)) throw e;
    this.say(explain(e, this.i.t, this.notFoundMessage), true);
  }

  /** Shows and announces (role=status) a message; errors in the error colour. */
  say(text, error) {
    this.status.textContent = text;
    this.status.classList.toggle('error', !!error);
  }
}

/** @return a sentence a person understands for a failed call (an ApiError); `gone` names the message for a 404 */
export function explain(e, t, gone = 'notFound') {
  const s = e.status;
  return s === 0 ? t('offline')
    : s === 429 ? t('rateLimited', e.retryAfter || 60)
    : s === 401 ? t('signInRequired')
    : s === 403 ? t('forbidden')
    : s === 404 ? t(gone)
    : s === 409 ? t('conflict')
    : s === 412 ? t('changed')
    : s === 413 || e.errors?.some(x => x.field === 'body' && / at most /.test(x.message)) ? t('tooLong')
    : s >= 500 ? t('server')
    : t('invalid', e.detail || s);
}

/** @return a `<time>` showing "3 minutes ago", the exact time as tooltip */
export function time(iso, {ago, exact}) {
  return h('time', {datetime: iso, title: exact(iso), part: 'time'}, ago(iso));
}

/** @return the author's avatar: their picture when it is an http(s) or site URL, else their initials */
export function avatar({name, avatarUrl}) {
  return /^(https?:\/\/|\/[^/])/i.test(avatarUrl)
    ? h('img', {part: 'avatar', class: 'avatar', src: avatarUrl, alt: '', loading: 'lazy'})
    : h('span', {part: 'avatar', class: 'avatar', 'aria-hidden': 'true'},
      name.split(/\s+/).slice(0, 2).map(w => [...w][0] || '').join('').toUpperCase());
}
