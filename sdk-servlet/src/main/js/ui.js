// Rendering helpers and the look every Inflow element shares. Elements are built from
// createElement and text nodes, never from HTML strings; the one exception is the server's
// sanitised `html` of a post.

/** @return a new element; attributes with null/false values are left out, children are nodes or text */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value != null && value !== false) el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

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

// A counter in an object, not a `let`: the minifier inlines uid() into each element's chunk, and a
// chunk may not assign to a binding it imports from common.js ("Assignment to constant variable").
const ids = {n: 0};
/** @return an id unique in the page, for label/aria references inside a shadow root */
export const uid = () => 'i' + ++ids.n;

/** @return a constructable stylesheet; adoptedStyleSheets work under a strict style-src CSP */
export function sheet(css) {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}

/** Colours, sizes and controls. Hosts theme with --inflow-* properties, or ::part(). */
export const base = sheet(`
:host{--_a:var(--inflow-accent,#2563eb);--_on:var(--inflow-on-accent,#fff);--_bg:var(--inflow-bg,#fff);
--_fg:var(--inflow-text,#1f2937);--_mu:var(--inflow-muted,#5b6472);--_bd:var(--inflow-border,#d1d5db);
--_sf:var(--inflow-surface,#f3f4f6);--_er:var(--inflow-danger,#b91c1c);--_r:var(--inflow-radius,8px);
--_g:var(--inflow-gap,.75rem);display:block;font-family:var(--inflow-font,inherit);
font-size:var(--inflow-font-size,inherit);line-height:1.5;color:var(--_fg);background:var(--_bg)}
@media (prefers-color-scheme:dark){:host{--_a:var(--inflow-accent,#7aa7ff);--_on:var(--inflow-on-accent,#0b1220);
--_bg:var(--inflow-bg,#111827);--_fg:var(--inflow-text,#e5e7eb);--_mu:var(--inflow-muted,#a1a9b6);
--_bd:var(--inflow-border,#374151);--_sf:var(--inflow-surface,#1f2937);--_er:var(--inflow-danger,#fca5a5)}}
*{box-sizing:border-box}[hidden]{display:none!important}
button,select,textarea{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid var(--_bd);border-radius:var(--_r);background:var(--_sf);padding:.2em .7em}
button:hover{border-color:var(--_a)}button[disabled]{cursor:default;opacity:.6}
button.primary{background:var(--_a);border-color:var(--_a);color:var(--_on)}
button.link{border:0;background:none;padding:.1em .3em;color:var(--_a)}
button[aria-pressed=true]{border-color:var(--_a);background:color-mix(in srgb,var(--_a) 18%,var(--_bg))}
:focus-visible{outline:2px solid var(--_a);outline-offset:2px}
textarea,select{background:var(--_bg);border:1px solid var(--_bd);border-radius:var(--_r);padding:.4em}
textarea{display:block;width:100%;min-height:5em;resize:vertical}
.muted,small{color:var(--_mu);font-size:.875em}.error{color:var(--_er)}
`);

/** @return a sentence a person understands for a failed call (an ApiError) */
export function explain(e, t) {
  const s = e.status;
  return s === 0 ? t('offline')
    : s === 429 ? t('rateLimited', e.retryAfter || 60)
    : s === 401 ? t('signInRequired')
    : s === 403 ? t('forbidden')
    : s === 404 ? t('notFound')
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
