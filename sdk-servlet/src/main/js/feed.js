// <inflow-feed target="order:4711" topic="java">: what colleagues did, in tabs (following, topic, target).
import {subscribe} from './live.js';
import {avatar, button, define, h, InflowElement, liveLine, loaded, nextTab, paged, sheet, skeleton, tablist, time, uid} from './ui.js';

/** Live arrivals fold into a shown item with the same group this close in time, like the server folds. */
const WINDOW = 6 * 3600e3;

const css = sheet(`
.tabs{gap:.25em;margin-bottom:var(--_g)}
[role=tab]{border-bottom:3px solid transparent;padding:.4em .8em}[role=tab][aria-selected=true]{border-bottom-color:var(--_a)}
.bar{gap:.5em;margin-bottom:var(--_g);min-height:2em}
button[aria-pressed=true]::before{content:"✓ "}
.item{display:flex;gap:var(--_g);padding:calc(var(--_g)/2) 0;border-bottom:1px solid var(--_sf)}
.line{margin:0;overflow-wrap:anywhere}.line a{color:var(--_a)}
.quote{margin:.2em 0;color:var(--_mu);overflow-wrap:anywhere}.quote:empty{display:none}
.fresh{animation:in .6s}@keyframes in{from{background:var(--_sf)}}
@media (prefers-reduced-motion:reduce){.fresh{animation:none}}
`);

/**
 * An activity feed with up to three tabs: what the reader follows, a topic (`topic` attribute) and
 * a target (`target` attribute, with `title`). Topic and target tabs have follow buttons, the
 * target tab a mute button. New activities arrive live. Attributes: target, title, topic, tab
 * (following, topic or target), api, token, lang.
 */
export class InflowFeed extends InflowElement {
  static observedAttributes = ['target', 'topic', 'tab', 'api', 'token', 'lang'];
  notFoundMessage = 'feedNotFound';

  constructor() {
    super(css);
  }

  changed(name, value) {
    if (name !== 'tab') return false;
    this.select(value);
    return true;
  }

  halt() {
    super.halt();
    this.listen();
  }

  /** @return the tabs this element shows: [name, label, feed path, live topic, follow path]; labels from `t` */
  tabs(t = this.i.t) {
    const tag = this.getAttribute('topic')?.trim().toLowerCase(), key = this.getAttribute('target');
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
    const signal = this.begin();
    this.me = null;
    // Labels aside, the tabs do not depend on the language: the first tab's feed goes out at once.
    const tabs = this.tabs(key => key), guess = tabs.find(x => x[0] === this.getAttribute('tab')) || tabs[0];
    const first = this.api.request('GET', guess[2]), me = this.api.me();
    first.catch(() => {}); // used, and its failure shown, only when the reader gets this tab
    me.catch(() => {}); // handled below
    const i = await this.speak(signal, 'click', 'keydown'), t = i?.t;
    if (!i) return;
    const panel = uid();
    this.tabList = tablist(t('feed'), this.tabs(), panel);
    // The follow buttons' row is there from the start when the tab will likely have them: they do not push the list down.
    this.bar = h('div', {part: 'actions', class: 'bar', hidden: !guess[4]});
    this.line = liveLine(t);
    this.status = this.line.status;
    this.list = h('ol', {part: 'list', class: 'list', 'aria-busy': 'true'}, ...skeleton('li', 3));
    this.empty = h('p', {part: 'empty', class: 'empty muted'});
    this.more = button('More', t('showMore'), {class: 'link more', hidden: true});
    this.panel = h('div', {part: 'panel', role: 'tabpanel', id: panel}, this.bar, this.line.el, this.list, this.empty, this.more);
    this.shadowRoot.replaceChildren(h('div', {lang: i.lang}, this.tabList, this.panel));
    try {
      this.me = await me;
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
    this.say('');
    this.more.hidden = true;
    if (tab[0] === 'following' && !this.me.signedIn) {
      this.list.replaceChildren();
      loaded(this.list);
      this.empty.textContent = this.i.t('signInFeed');
      return;
    }
    this.empty.textContent = this.i.t(tab[0] === 'following' ? 'emptyHome' : 'emptyFeed');
    this.page(null, asked === tab[0] ? answer : null);
  }

  handleEvent(e) {
    const b = e.target.closest?.('button'), next = e.type === 'keydown' && nextTab(e);
    if (next) this.select(next.dataset.tab);
    else if (e.type === 'click' && b?.dataset.act) this.run(this['do' + b.dataset.act](b));
  }

  doTab(b) {
    this.select(b.dataset.tab);
  }

  /** Shows the tab's first page (`answer`, when already asked for), or the one after `cursor`, focusing its first item. */
  async page(cursor, answer) {
    const tab = this.tab, last = this.list.lastElementChild;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const {json: page, headers} = await (answer || this.api.request('GET', paged(tab[2], cursor)));
      if (tab !== this.tab) return;
      loaded(this.list);
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
      if (tab === this.tab) loaded(this.list);
    }
  }

  /** Follow (and for targets, mute) toggles; the pressed state says whether it is on. */
  buttons(page) {
    const {t} = this.i, toggle = (act, label, on) => button(act, label, {class: null, 'aria-pressed': String(on)});
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
