// <inflow-feed target="order:4711" topic="java">: what colleagues did, in tabs (following, topic, target).
import {Api, ApiError} from './api.js';
import {i18n} from './i18n.js';
import {subscribe} from './live.js';
import {avatar, base, define, explain, h, liveLine, sheet, skeleton, time, uid} from './ui.js';

/** Live arrivals fold into a shown item with the same group this close in time, like the server folds. */
const WINDOW = 6 * 3600e3;

const css = sheet(`
.tabs{display:flex;gap:.25em;border-bottom:1px solid var(--_bd);margin-bottom:var(--_g)}
[role=tab]{border:0;border-bottom:3px solid transparent;border-radius:0;background:none;padding:.4em .8em}
[role=tab][aria-selected=true]{border-bottom-color:var(--_a);font-weight:600}
.bar{display:flex;flex-wrap:wrap;gap:.5em;align-items:center;margin-bottom:var(--_g);min-height:2em}
button[aria-pressed=true]::before{content:"✓ "}
.list{list-style:none;margin:0;padding:0}
.item{display:flex;gap:var(--_g);padding:calc(var(--_g)/2) 0;border-bottom:1px solid var(--_sf)}
.line{margin:0;overflow-wrap:anywhere}.line a{color:var(--_a)}
.quote{margin:.2em 0;color:var(--_mu);overflow-wrap:anywhere}.quote:empty{display:none}
.fresh{animation:in .6s}@keyframes in{from{background:var(--_sf)}}
@media (prefers-reduced-motion:reduce){.fresh{animation:none}}
.list:not(:empty)+.empty,.list[aria-busy=true]+.empty{display:none}.more{margin:.5em 0}
`);

/**
 * An activity feed with up to three tabs: what the reader follows, a topic (`topic` attribute) and
 * a target (`target` attribute, with `title`). Topic and target tabs have follow buttons, the
 * target tab a mute button. New activities arrive live. Attributes: target, title, topic, tab
 * (following, topic or target), api, token, lang.
 */
export class InflowFeed extends HTMLElement {
  static observedAttributes = ['target', 'topic', 'tab', 'api', 'token', 'lang'];

  constructor() {
    super();
    this.attachShadow({mode: 'open'}).adoptedStyleSheets = [base, css];
  }

  connectedCallback() {
    this.start();
  }

  disconnectedCallback() {
    this.ac.abort();
    clearInterval(this.timer);
    this.listen();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.ac || this.ac.signal.aborted || old === value) return;
    if (name === 'token') this.api.tokenChanged();
    else if (name === 'tab') this.select(value);
    else this.start();
  }

  /** @return the tabs this element shows: [name, label, feed path, live topic, follow path] */
  tabs() {
    const {t} = this.i, tag = this.getAttribute('topic')?.trim().toLowerCase(), key = this.getAttribute('target');
    const path = key && key.split('/').map(encodeURIComponent).join('/');
    return [
      ['following', t('tabFollowing'), 'feed', 'feed:home'],
      tag && ['topic', '#' + tag, 'feed/topics/' + encodeURIComponent(tag), 'topic:' + tag, 'topic/' + encodeURIComponent(tag)],
      key && ['target', this.getAttribute('title') || t('tabTarget'), 'feed/targets/' + path, 'feed:target:' + key, 'target/' + path],
    ].filter(Boolean);
  }

  /**
   * Renders the tabs and placeholders at once and asks for who is signed in and the first tab's
   * feed together: the first content is one round trip away and fills the space kept for it.
   */
  async start() {
    this.ac?.abort();
    clearInterval(this.timer);
    this.listen();
    this.ac = new AbortController();
    const {signal} = this.ac, root = this.shadowRoot, i = this.i = i18n(this), {t} = i;
    this.api = new Api(this, signal);
    for (const type of ['click', 'keydown']) root.addEventListener(type, this, {signal});
    const panel = uid();
    this.tabList = h('div', {part: 'tabs', class: 'tabs', role: 'tablist', 'aria-label': t('feed')},
      ...this.tabs().map(([name, label]) => h('button', {type: 'button', part: 'tab', role: 'tab', id: panel + name,
        'data-tab': name, 'aria-controls': panel, 'aria-selected': 'false', tabindex: '-1'}, label)));
    const tabs = this.tabs(), guess = tabs.find(x => x[0] === this.getAttribute('tab')) || tabs[0];
    // The follow buttons' row is there from the start when the tab will likely have them: they do not push the list down.
    this.bar = h('div', {part: 'actions', class: 'bar', hidden: !guess[4]});
    this.line = liveLine(t);
    this.list = h('ol', {part: 'list', class: 'list', 'aria-busy': 'true'}, ...skeleton('li', 3));
    this.empty = h('p', {part: 'empty', class: 'empty muted'});
    this.more = h('button', {type: 'button', part: 'button', class: 'link more', 'data-act': 'More', hidden: true}, t('showMore'));
    this.panel = h('div', {part: 'panel', role: 'tabpanel', id: panel}, this.bar, this.line.el, this.list, this.empty, this.more);
    root.replaceChildren(h('div', {lang: i.lang}, this.tabList, this.panel));
    this.timer = setInterval(() => root.querySelectorAll('time').forEach(el => el.textContent = i.ago(el.dateTime)), 60000);
    const first = this.api.request('GET', guess[2]);
    first.catch(() => {}); // used, and its failure shown, only when the reader gets this tab
    try {
      this.me = await this.api.me();
    } catch (e) {
      this.list.replaceChildren();
      return this.fail(e);
    }
    if (!signal.aborted) this.select(this.getAttribute('tab'), first, guess[0]);
  }

  /**
   * Shows a tab: its feed from the start (`answer`, when the request for tab `asked` was sent
   * already), its follow buttons, its live topic.
   */
  select(name, answer, asked) {
    if (!this.me) return;
    this.listen();
    const tabs = this.tabs(), tab = tabs.find(x => x[0] === name) || tabs[!this.me.signedIn && tabs.length > 1 ? 1 : 0];
    this.tab = tab;
    for (const b of this.tabList.children) {
      const on = b.dataset.tab === tab[0];
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    this.panel.setAttribute('aria-labelledby', this.panel.id + tab[0]);
    this.list.replaceChildren(...skeleton('li', 3));
    this.shown = new Map();
    this.bar.replaceChildren();
    this.bar.hidden = !(tab[4] && this.me.signedIn);
    this.line.say('');
    this.more.hidden = true;
    if (tab[0] === 'following' && !this.me.signedIn) {
      this.list.replaceChildren();
      this.list.setAttribute('aria-busy', 'false');
      this.empty.textContent = this.i.t('signInFeed');
      return;
    }
    this.empty.textContent = this.i.t(tab[0] === 'following' ? 'emptyHome' : 'emptyFeed');
    this.page(null, asked === tab[0] ? answer : null);
  }

  handleEvent(e) {
    const b = e.target.closest?.('button');
    if (e.type === 'keydown') {
      const tabs = [...this.tabList.children], k = tabs.indexOf(e.target), step = {ArrowRight: 1, ArrowLeft: -1}[e.key];
      if (k < 0 || !(step || e.key === 'Home' || e.key === 'End')) return;
      e.preventDefault();
      const next = tabs[e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (k + step + tabs.length) % tabs.length];
      next.focus();
      this.select(next.dataset.tab);
    } else if (b?.dataset.tab) {
      this.select(b.dataset.tab);
    } else if (b?.dataset.act) {
      this['do' + b.dataset.act](b).catch(err => this.fail(err));
    }
  }

  fail(e) {
    if (e.name === 'AbortError') return;
    if (!(e instanceof ApiError)) throw e;
    const t = this.i.t;
    this.line.say(explain(e, key => key === 'notFound' ? t('feedNotFound') : t(key)), true);
  }

  /** Shows the tab's first page (`answer`, when already asked for), or the one after `cursor`, focusing its first item. */
  async page(cursor, answer) {
    const tab = this.tab, last = this.list.lastElementChild;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const {json: page, headers} = await (answer || this.api.request('GET', tab[2] + (cursor ? '?cursor=' + encodeURIComponent(cursor) : '')));
      if (tab !== this.tab) return;
      this.clear();
      page.items.forEach(a => this.add(a));
      if (cursor) last?.nextElementSibling?.focus();
      this.next = page.next;
      this.more.hidden = !page.next;
      if (cursor) return;
      if (tab[4] && this.me.signedIn) this.buttons(page);
      this.listen(parseInt(headers.get('Inflow-Seq')));
    } catch (e) {
      if (tab === this.tab) this.fail(e);
    } finally {
      if (tab === this.tab) this.clear();
    }
  }

  /** Takes the placeholders away: the list is loaded. */
  clear() {
    this.list.querySelectorAll('.sk').forEach(el => el.remove());
    this.list.setAttribute('aria-busy', 'false');
  }

  /** Follow (and for targets, mute) toggles; the pressed state says whether it is on. */
  buttons(page) {
    const {t} = this.i, toggle = (act, label, on) =>
      h('button', {type: 'button', part: 'button', 'data-act': act, 'aria-pressed': String(on)}, label);
    this.bar.replaceChildren(toggle('Follow', t('follow'), page.following),
      ...this.tab[0] === 'target' ? [toggle('Mute', t('mute'), page.muted)] : []);
  }

  async doFollow(b) {
    const on = b.getAttribute('aria-pressed') !== 'true';
    await this.api.call(on ? 'PUT' : 'DELETE', 'follows/' + this.tab[4]);
    b.setAttribute('aria-pressed', String(on));
    this.say(this.i.t(on ? 'followed' : 'unfollowed'));
  }

  async doMute(b) {
    const on = b.getAttribute('aria-pressed') !== 'true';
    await this.api.call(on ? 'PUT' : 'DELETE', 'mutes/' + this.tab[4].slice('target/'.length));
    b.setAttribute('aria-pressed', String(on));
    this.say(this.i.t(on ? 'mutedNow' : 'unmuted'));
  }

  doMore() {
    return this.page(this.next);
  }

  say(text) {
    this.line.say(text);
  }

  /**
   * Follows the tab's live topic from the position its first page was read at (`since`); without
   * arguments, stops. A reset (the gap was too old to replay) reloads the tab.
   */
  listen(since) {
    this.unfollow?.();
    this.unfollow = since === undefined ? null : subscribe(this.api, this.tab[3], since, e => this.arrive(e.activity),
      () => this.select(this.tab[0]),
      this.line.state);
  }

  /** A live activity folds into its group on screen, or goes on top. */
  arrive(a) {
    if (!a || this.shown.has(a.id)) return;
    const group = [...this.shown.values()].find(n => n.a.groupKey === a.groupKey && Date.parse(a.published) - Date.parse(n.a.published) < WINDOW);
    if (group) {
      const actors = [a.actor, ...group.a.actors].filter((x, k, all) => x && all.findIndex(y => y?.id === x.id) === k);
      const known = group.a.actors.some(x => x.id === a.actor?.id);
      a.count = group.a.count + 1;
      a.actors = actors.slice(0, 3);
      a.actorCount = group.a.actorCount + (known ? 0 : 1);
      group.li.remove();
      this.shown.delete(group.a.id);
    }
    this.add(a, true).li.classList.add('fresh');
    this.say(this.i.t('arrived'));
  }

  add(a, first) {
    // tabindex -1: focus lands on the first new item when the reader asks for more.
    const n = {a, li: h('li', {part: 'item', class: 'item', 'data-id': a.id, tabindex: -1}, avatar(a.actors[0] || {name: '?'}),
      h('div', {}, h('p', {class: 'line'}, ...this.sentence(a)), h('p', {part: 'quote', class: 'quote'},
        a.object.type === 'comment' ? a.object.name : ''), h('small', {}, time(a.published, this.i))))};
    this.shown.set(a.id, n);
    this.list[first ? 'prepend' : 'append'](n.li);
    return n;
  }

  /** "Ana and 3 others commented on Order 4711", with names in bold and the target linked. */
  sentence(a) {
    const {t} = this.i, many = a.actorCount > 1, names = a.actors.map(x => h('strong', {part: 'actor'}, x.name));
    const who = !names.length ? [t('someone')] : a.actorCount === 2 && names.length === 2 ? t('two', names[0], names[1])
      : many ? t('others', names[0], a.actorCount - 1) : [names[0]];
    const link = o => /^(https?:\/\/|\/[^/])/i.test(o.url || '') ? h('a', {href: o.url, part: 'link'}, o.name) : o.name;
    const parts = {who, target: [a.target ? link(a.target) : link(a.object)], object: [link(a.object)], verb: [a.verb.split(/[/#]/).pop()]};
    const known = t('verbs')[a.verb];
    const text = known ? known(many) : a.target ? t('actOn', many) : t('act', many);
    const out = text.split(/({\w+})/).flatMap(s => s.startsWith('{') ? parts[s.slice(1, -1)] : [s]);
    if (a.count > 1 && !many) out.push(' ' + t('times', a.count));
    return out;
  }
}

define('inflow-feed', InflowFeed);
