// <inflow-notifications>: a bell with the unread count, opening the signed-in user's notifications.
import {subscribe} from './live.js';
import {button, define, h, InflowElement, paged, sheet, time, uid} from './ui.js';

const css = sheet(`
:host{display:inline-block;position:relative}
.bell{position:relative;font-size:1.2em;padding:.2em .5em}
.badge{position:absolute;top:-.4em;right:-.4em;min-width:1.4em;padding:0 .3em;border-radius:1em;font-size:.7em;
font-weight:700;line-height:1.4em;text-align:center;background:var(--_er);color:#fff}.badge:empty{display:none}
.panel{position:absolute;right:0;z-index:10;width:min(24em,90vw);max-height:70vh;overflow:auto;margin-top:.3em;
padding:var(--_g);background:var(--_bg);border:1px solid var(--_bd);border-radius:var(--_r);box-shadow:0 4px 16px #0003}
.panel.start{right:auto;left:0}
:host([open]){display:block}:host([open]) .panel{position:static;width:auto;max-height:none;box-shadow:none}
.head{display:flex;justify-content:space-between;align-items:center;gap:.5em}.head h2{font-size:1em;margin:0}
.item{padding:.5em 0;border-bottom:1px solid var(--_sf)}
.item p{margin:0;overflow-wrap:anywhere}.item a{color:var(--_a)}
.unread p{font-weight:600}.unread p::before{content:"";display:inline-block;width:.5em;height:.5em;margin-right:.4em;
border-radius:50%;background:var(--_a)}
.status:empty{display:none}
`);

/**
 * The notifications bell: its badge counts what is unread and changes live; the button opens a
 * list where one or all can be marked read. Escape closes the list. Attributes: api, token, lang,
 * open (the list starts open, e.g. on a page of its own).
 */
export class InflowNotifications extends InflowElement {
  static observedAttributes = ['api', 'token', 'lang', 'open'];

  constructor() {
    super(css);
  }

  changed(name, value) {
    if (name !== 'open') return false;
    // Before the panel is made, start() opens it once loaded.
    if (this.panel) this.toggle(value != null);
    return true;
  }

  halt() {
    super.halt();
    this.unfollow?.();
  }

  async start() {
    const signal = this.begin(), id = uid();
    // Both calls at once: the first content needs one round trip. Signed out, the list answers 401.
    const first = this.api.request('GET', 'notifications'), me = this.api.me();
    first.catch(() => {});
    me.catch(() => {}); // handled below
    const t = (await this.speak(signal, 'click', 'keydown'))?.t;
    if (!t) return;
    this.badge = h('span', {part: 'badge', class: 'badge', 'aria-hidden': 'true'});
    this.bell = button('Toggle', '🔔', {part: 'bell', class: 'bell', 'aria-expanded': 'false', 'aria-controls': id,
      'aria-label': t('notifications')});
    this.bell.append(this.badge);
    this.status = h('p', {part: 'status', class: 'status', role: 'status'});
    // Busy until the first page is in (the panel of an `open` bell shows then).
    const list = this.list = h('ul', {part: 'list', class: 'list', 'aria-busy': 'true'});
    this.allRead = button('AllRead', t('markAllRead'));
    this.more = button('More', t('showMore'), {hidden: true});
    this.panel = h('section', {part: 'panel', class: 'panel', id, 'aria-labelledby': id + 'h', hidden: true},
      h('div', {class: 'head'}, h('h2', {id: id + 'h'}, t('notifications')), this.allRead), this.status, this.list,
      h('p', {part: 'empty', class: 'empty muted'}, t('noNotifications')), this.more);
    this.shadowRoot.replaceChildren(this.bell, this.panel);
    this.shown = new Map();
    try {
      this.me = await me;
      if (!this.me.signedIn) {
        this.bell.disabled = true;
        this.bell.title = t('signInNotifications');
        return;
      }
      await this.page(null, first);
      if (this.hasAttribute('open')) this.toggle(true);
    } catch (e) {
      this.fail(e);
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }

  handleEvent(e) {
    if (e.type === 'keydown') {
      if (e.key === 'Escape' && !this.panel.hidden) {
        e.preventDefault();
        this.toggle(false);
        this.bell.focus();
      }
      return;
    }
    const b = e.target.closest?.('button');
    if (b?.dataset.act) this.run(this['do' + b.dataset.act](b));
    else if (e.target.closest?.('a[data-id]')) this.run(this.read([e.target.closest('a').dataset.id]));
  }

  toggle(open) {
    this.panel.hidden = !open;
    this.bell.setAttribute('aria-expanded', String(open));
    // Opens towards the page: leftwards from a bell at the right edge, rightwards from one at the left.
    this.panel.classList.remove('start');
    if (open && this.panel.getBoundingClientRect().left < 0) this.panel.classList.add('start');
  }

  async doToggle() {
    this.toggle(this.panel.hidden);
  }

  /** Loads a page of notifications; the first one also follows the live topic from where it was read. */
  async page(cursor, loading) {
    const {json, headers} = await (loading || this.api.request('GET', paged('notifications', cursor)));
    json.items.forEach(n => this.add(n));
    this.next = json.next;
    this.more.hidden = !json.next;
    this.count(json.unreadCount);
    if (!cursor) {
      this.unfollow = subscribe(this.api, 'notifications', parseInt(headers.get('Inflow-Seq')), e => this.arrive(e),
        () => this.start());
    }
  }

  doMore() {
    return this.page(this.next);
  }

  doRead(b) {
    return this.read([b.dataset.id]);
  }

  async doAllRead() {
    this.count((await this.api.call('POST', 'notifications/read', {all: true})).unreadCount);
    this.shown.forEach((n, id) => this.mark(id));
    this.say(this.i.t('allRead'));
  }

  async read(ids) {
    this.count((await this.api.call('POST', 'notifications/read', {ids})).unreadCount);
    ids.forEach(id => this.mark(id));
  }

  /** A live event: a new notification goes on top; reads done elsewhere (another tab) show here too. */
  arrive(e) {
    if (e.kind === 'notification.created' && e.notification && !this.shown.has(e.notification.id)) {
      this.add(e.notification, true);
      this.say(this.i.t('newNotification'));
    } else if (e.kind === 'notification.read') {
      (e.all ? [...this.shown.keys()] : e.ids || []).forEach(id => this.mark(id));
    }
    if (Number.isInteger(e.unreadCount)) this.count(e.unreadCount);
  }

  count(n) {
    const {t, num} = this.i;
    this.badge.textContent = n > 0 ? (n > 99 ? '99+' : num(n)) : '';
    this.bell.setAttribute('aria-label', n > 0 ? t('unreadNotifications', n) : t('notifications'));
  }

  mark(id) {
    const li = this.shown.get(id);
    if (!li) return;
    li.classList.remove('unread');
    const b = li.querySelector('button');
    // Keep the keyboard in the list when the focused button goes away.
    if (b && this.shadowRoot.activeElement === b) this.allRead.focus();
    b?.remove();
  }

  add(n, first) {
    const {t} = this.i, who = n.actor?.name || t('someone'), title = /^(https?:\/\/|\/[^/])/i.test(n.url || '')
      ? h('a', {href: n.url, part: 'link', 'data-id': n.id}, n.title) : h('strong', {}, n.title);
    const text = (t('nReasons')[n.reason] || '{title}').split(/({\w+})/).map(s => s === '{who}' ? who : s === '{title}' ? title : s);
    const li = h('li', {part: 'item', class: 'item' + (n.readAt ? '' : ' unread'), 'data-id': n.id}, h('p', {}, ...text),
      time(n.createdAt, this.i), n.readAt ? '' : button('Read', t('markRead'), {'data-id': n.id, 'aria-label': t('markReadOf', n.title)}));
    this.shown.set(n.id, li);
    this.list[first ? 'prepend' : 'append'](li);
  }
}

define('inflow-notifications', InflowNotifications);
