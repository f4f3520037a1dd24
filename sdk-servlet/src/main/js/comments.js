// <inflow-comments target="kb/travel-policy">: threaded comments on one target.
import {ApiError, uuid} from './api.js';
import {subscribe} from './live.js';
import {avatar, button, define, describe, explain, h, InflowElement, invalid, liveLine, loaded, paged, sheet, skeleton, stamp, template, uid} from './ui.js';

/** Replies indent this many levels; deeper ones line up with the last level and say whom they answer. */
const LEVELS = 4;
const SORTS = ['oldest', 'newest', 'top'];
const REASONS = ['spam', 'abuse', 'off-topic', 'other'];
const MARKDOWN = ['**bold**', '_italic_', '`code`', '[text](https://…)', '- item', '@name'];

const css = sheet(`
.head{display:flex;flex-wrap:wrap;gap:var(--_g);align-items:baseline;justify-content:space-between}
.replies{list-style:none;margin:0 0 0 var(--inflow-indent,1rem);padding:0 0 0 var(--_g);border-left:2px solid var(--_bd)}
.replies:empty{display:none}
.comment{padding:calc(var(--_g)/2) 0}
.meta{gap:.5em}.body>*{margin:.3em 0}
.body pre,.body code{background:var(--_sf);border-radius:4px;padding:0 .2em}.body pre{padding:.5em}
.body img{max-width:100%;height:auto}.body table{display:block;overflow-x:auto;border-collapse:collapse}
.body th,.body td{border:1px solid var(--_bd);padding:.2em .4em}
.body blockquote{padding-left:var(--_g);border-left:3px solid var(--_bd);color:var(--_mu)}
.pending{opacity:.7}.pending .body{white-space:pre-wrap}.tomb .body{font-style:italic;color:var(--_mu)}
.reactions,.actions{display:flex;flex-wrap:wrap;gap:.4em;align-items:center}
.form{margin:calc(var(--_g)/2) 0}.counter{flex:1}.help{margin:0}
`);

// tabindex -1: focus lands on a comment when the reader asks for more of them.
const COMMENT = template(h('article', {part: 'comment', class: 'comment', tabindex: -1},
  h('div', {class: 'meta'}, h('span'), h('strong', {part: 'author'}), h('small'), h('time', {part: 'time'}), h('small')),
  h('div', {part: 'body', class: 'body'}),
  h('div', {part: 'reactions', class: 'reactions'}),
  h('div', {part: 'actions', class: 'actions'}),
  h('div', {class: 'slot'})));

const FORM = template(h('form', {part: 'form', class: 'form'},
  h('label', {part: 'label'}),
  h('textarea', {part: 'textarea', name: 'body', rows: 3, 'aria-keyshortcuts': 'Control+Enter Meta+Enter'}),
  h('p', {class: 'error', part: 'error', 'aria-live': 'polite'}),
  h('ul', {class: 'help muted', hidden: true}),
  h('div', {class: 'bar'},
    h('button', {type: 'button', part: 'button', class: 'link', 'data-act': 'Help', 'aria-expanded': 'false'}),
    h('small', {class: 'counter'}),
    h('button', {type: 'button', part: 'button', 'data-act': 'Close'}),
    h('button', {part: 'button', class: 'primary'}))));

/**
 * The comments of one target: list, threads, posting, replies, edits, reactions, flags.
 * Attributes: target (required), title, url, sort, api, token, lang.
 * Dispatches `inflow-token-expired` when the host must set a fresh `token`.
 * Follows the live topic `target:{key}` once its list has loaded, and says so while that is interrupted.
 */
export class InflowComments extends InflowElement {
  static observedAttributes = ['target', 'sort', 'api', 'token', 'lang'];

  constructor() {
    super(css);
  }

  changed(name) {
    if (name !== 'sort') return false;
    this.reload();
    return true;
  }

  halt() {
    super.halt();
    this.follow();
  }

  get target() {
    return this.getAttribute('target') || '';
  }

  get sort() {
    return SORTS.includes(this.getAttribute('sort')) ? this.getAttribute('sort') : 'oldest';
  }

  /**
   * Renders the frame at once, with placeholders where the comments will be, and asks for who is
   * signed in, the count and the first page together: the first content is one round trip away,
   * and it fills the space kept for it instead of pushing the page around.
   */
  async start() {
    const signal = this.begin(), root = this.shadowRoot;
    this.nodes = new Map();
    this.me = this.total = null;
    const count = this.api.call('GET', 'comments/counts?keys=' + encodeURIComponent(this.target));
    const first = this.api.request('GET', this.query());
    [count, first].forEach(p => p.catch(() => {})); // handled below, once it is known who is asking
    const me = this.api.me();
    // The form shows before the server says who is asking; a post sent in that moment waits for it.
    this.ready = me.then(() => {}, () => {});
    const i = await this.speak(signal, 'click', 'submit', 'input', 'keydown', 'change'), t = i?.t;
    if (!i) return;
    this.heading = h('h2', {part: 'title', id: uid(), tabindex: -1}, t('comments'));
    this.line = liveLine(t);
    this.status = this.line.status;
    // Most readers are signed in: the form is there from the start, and only visitors see it go.
    this.compose = h('div', {}, this.form(t('label'), t('post'), '', (text, f) => this.post(f, text)));
    this.list = h('ol', {part: 'list', class: 'list', 'aria-labelledby': this.heading.id, 'aria-busy': 'true'}, ...skeleton('li', 3));
    this.empty = h('p', {part: 'empty', class: 'empty muted'}, t('empty'));
    this.more = button('More', t('loadMore'), {hidden: true, class: 'more'});
    root.replaceChildren(h('div', {lang: i.lang},
      h('div', {part: 'header', class: 'head'}, this.heading, h('label', {}, t('sortBy') + ' ',
        h('select', {part: 'sort', class: 'sort'}, ...SORTS.map(s => h('option', {value: s, selected: s === this.sort}, t(s)))))),
      this.line.el, this.compose, this.list, this.empty, this.more));
    try {
      this.me = await me;
    } catch (e) {
      this.list.replaceChildren();
      loaded(this.list);
      return this.fail(e);
    }
    if (signal.aborted) return;
    if (!this.me.signedIn) this.compose.replaceChildren(h('p', {part: 'note', class: 'muted'}, t('signIn')));
    else this.counter(this.compose.firstChild);
    this.count(0, count);
    this.page(null, first);
  }

  reload() {
    if (!this.me) return;
    this.follow();
    this.shadowRoot.querySelector('.sort').value = this.sort;
    this.list.replaceChildren(...skeleton('li', 3));
    this.nodes.clear();
    this.more.hidden = true;
    this.page();
  }

  /** Event delegation for the whole shadow root; listeners go with the AbortController. */
  handleEvent(e) {
    const el = e.target, f = el.form;
    if (e.type === 'click') {
      const b = el.closest('[data-act]');
      if (b) this.run(this['do' + b.dataset.act](this.nodes.get(b.closest('[data-id]')?.dataset.id), b));
    } else if (e.type === 'submit') {
      e.preventDefault();
      const text = el.elements.body.value;
      if (!this.me) return this.ready.then(() => this.me && el.isConnected && el.requestSubmit());
      if (!text.trim()) el.elements.body.focus();
      else if ([...text].length > this.me.maxBodyChars) this.formError(el, {status: 413});
      else this.run(el.send(text, el));
    } else if (e.type === 'input' && f) {
      this.counter(f);
    } else if (e.type === 'keydown' && f && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      f.requestSubmit();
    } else if (e.type === 'keydown' && e.key === 'Escape' && el.closest('.slot')?.dataset.kind) {
      // Escape closes what opened under a comment and puts focus back on the button that opened it.
      e.preventDefault();
      this.open(this.nodes.get(el.closest('[data-id]').dataset.id));
    } else if (e.type === 'change' && el.matches('.sort')) {
      this.setAttribute('sort', el.value);
    }
  }

  path() {
    return 'targets/' + this.target.split('/').map(encodeURIComponent).join('/') + '/comments';
  }

  query(cursor) {
    return paged(this.path() + '?sort=' + this.sort, cursor);
  }

  /** Shows the count: fetched (or from `answer`, a pending fetch), else the known one plus `delta`. */
  async count(delta, answer) {
    if (delta && this.total == null) return;
    try {
      this.total = delta ? this.total + delta
        : (await (answer || this.api.call('GET', 'comments/counts?keys=' + encodeURIComponent(this.target)))).counts[this.target];
    } catch (e) {
      return; // the heading keeps saying "Comments"; the list reports what went wrong
    }
    this.heading.textContent = this.i.t('count', this.total);
  }

  /**
   * Shows a page of comments: the first (in place of the placeholders) or the one after `cursor`,
   * whose first comment then takes the focus so that reading goes on there. `answer` is the
   * request when it was already sent.
   */
  async page(cursor, answer) {
    const {t} = this.i, last = this.list.lastElementChild;
    this.list.setAttribute('aria-busy', 'true');
    try {
      const {json: page, headers} = await (answer || this.api.request('GET', this.query(cursor)));
      loaded(this.list);
      page.items.forEach(c => this.add(c));
      this.next = page.next;
      this.more.hidden = !page.next;
      if (!cursor) this.follow(parseInt(headers.get('Inflow-Seq')));
      else last?.nextElementSibling?.querySelector('article').focus();
    } catch (e) {
      if (e.status === 401 && !this.me.signedIn) this.empty.textContent = t('signInToRead');
      else this.fail(e);
    } finally {
      loaded(this.list);
    }
  }

  /**
   * Follows the target's live topic from the list's position (`since`), replacing an earlier
   * subscription; without arguments, stops following. A reset (the gap was too old to replay)
   * reloads the list, which follows again from its new position.
   */
  follow(since) {
    this.unfollow?.();
    this.unfollow = since === undefined ? null : subscribe(this.api, 'target:' + this.target, since,
      e => this.apply(e.kind, e), () => {
        this.count();
        this.reload();
      }, this.line.state);
  }

  /** Renders a comment into its thread (or updates it when already shown); returns its node. */
  add(c, first) {
    const known = this.nodes.get(c.id), parent = this.nodes.get(c.parentId);
    if (known) return this.update(known, c);
    if (c.parentId && !parent) return; // its thread is not on screen
    const n = {c, li: h('li', {part: 'item', 'data-id': c.id}), ol: h('ol', {part: 'replies', class: 'replies'})};
    this.nodes.set(c.id, n);
    n.li.append(n.art = this.article(c), n.ol);
    if (c.moreReplies) {
      n.cursor = c.moreReplies;
      n.li.append(button('Replies', this.i.t('moreReplies'), {class: 'link more'}));
    }
    const box = !parent ? this.list : parent.c.depth < LEVELS - 1 ? parent.ol : parent.li.parentElement;
    box[first ? 'prepend' : 'append'](n.li);
    return n;
  }

  /**
   * Re-renders a comment, keeping keyboard focus on the same control. A change made elsewhere
   * (keepSlot) leaves an open reply or edit form in place, so nobody loses what they are typing.
   */
  update(n, c, keepSlot) {
    const focus = this.shadowRoot.activeElement, slot = n.art.querySelector('.slot'), art = this.article(c);
    n.c = c;
    if (keepSlot) {
      [...n.art.children].forEach(el => el === slot || el.remove());
      slot.before(...[...art.children].slice(0, -1));
      n.art.className = art.className;
      n.art.querySelector('[data-act=Pick]')?.setAttribute('aria-expanded', String(slot.dataset.kind === 'Pick'));
      return n;
    }
    const act = n.art.contains(focus) && (focus.dataset.act || slot.dataset.kind);
    n.art.replaceWith(n.art = art);
    if (act) {
      const emoji = focus.dataset.emoji ? `[data-emoji="${focus.dataset.emoji}"]` : '';
      (art.querySelector(`[data-act=${act}]${emoji}`) || art.querySelector('[data-act]'))?.focus();
    }
    return n;
  }

  /** Takes a deleted comment off the list, or leaves a tombstone when it has replies. */
  gone(n) {
    if (n.ol.children.length) {
      this.update(n, {...n.c, deleted: true, body: '', html: '', reactions: {}, myReactions: [], canEdit: false, canDelete: false});
    } else {
      n.li.remove();
      this.nodes.delete(n.c.id);
    }
  }

  article(c) {
    const {t, ago, exact, num} = this.i, me = this.me.user, mine = me?.id === c.author.id;
    const a = stamp(COMMENT), [meta, body, reactions, actions] = a.children, [pic, author, to, time, tag] = meta.children;
    pic.replaceWith(avatar(c.author));
    author.textContent = c.author.name;
    const parent = this.nodes.get(c.parentId);
    if (c.depth >= LEVELS && parent) to.textContent = t('replyingTo', parent.c.author.name);
    time.dateTime = c.createdAt;
    time.title = exact(c.createdAt);
    time.textContent = ago(c.createdAt);
    tag.textContent = c.pending ? t('sending') : c.editedAt ? t('edited') : '';
    if (c.editedAt) tag.title = exact(c.editedAt);
    const tomb = c.deleted ? 'deleted' : c.hidden && !c.html && !c.pending ? 'hidden' : '';
    if (tomb || c.pending) {
      body.textContent = tomb ? t(tomb) : c.body;
      a.classList.add(tomb ? 'tomb' : 'pending');
      return a;
    }
    body.innerHTML = c.html; // sanitised by the server: the one place HTML is inserted
    body.querySelectorAll('pre,table').forEach(el => el.tabIndex = 0); // wide ones scroll: by keyboard too
    if (c.hidden) body.after(h('p', {class: 'muted'}, t('hidden')));
    for (const [emoji, n] of Object.entries(c.reactions)) if (n) reactions.append(this.reaction(c, emoji, num(n)));
    if (!me) return a;
    if (!c.hidden) reactions.append(button('Pick', '+🙂', {'aria-label': t('react'), title: t('react'), 'aria-expanded': 'false'}));
    actions.append(...[
      !c.hidden && button('Reply', t('reply')),
      c.canEdit && button('Edit', t('edit')),
      c.canDelete && button('Delete', t('delete')),
      !mine && !c.hidden && button('Flag', t('flag')),
    ].filter(Boolean));
    return a;
  }

  reaction(c, emoji, count) {
    return h('button', {type: 'button', part: 'button reaction', 'data-act': 'React', 'data-emoji': emoji,
      'aria-pressed': String(c.myReactions.includes(emoji)), disabled: !this.me.signedIn}, count ? emoji + ' ' + count : emoji);
  }

  /** @return a form for a comment: label, text box, counter, Markdown help, error line */
  form(label, action, value, send, cancel) {
    const {t} = this.i, f = stamp(FORM), id = uid(), [lab, box, error, help, bar] = f.children;
    const [helpButton, counter, cancelButton, submit] = bar.children;
    lab.textContent = label;
    lab.htmlFor = box.id = id;
    box.value = value;
    describe(box, counter, error);
    help.id = id + 'h';
    help.append(...MARKDOWN.map((md, k) => h('li', {}, h('code', {}, md), ' ' + t('helpItems')[k])));
    helpButton.textContent = t('help');
    helpButton.setAttribute('aria-controls', help.id);
    cancelButton.textContent = t('cancel');
    cancelButton.hidden = !cancel;
    submit.textContent = action;
    f.send = send;
    if (this.me) this.counter(f);
    return f;
  }

  /** Shows how much of the allowed length the text uses; past it, says by how much, as the field's error. */
  counter(f) {
    if (!this.me) return; // start() counts once the server has said how long a comment may be
    const max = this.me.maxBodyChars, over = [...f.elements.body.value].length - max, counter = f.querySelector('.counter');
    counter.textContent = this.i.num(max + over) + ' / ' + this.i.num(max);
    counter.classList.toggle('error', over > 0);
    invalid(f.elements.body, f.querySelector('.error'), over > 0 && this.i.t('tooMany', over));
  }

  formError(f, e) {
    invalid(f.elements.body, f.querySelector('.error'), explain(e, this.i.t));
    f.elements.body.focus();
  }

  /**
   * Posts optimistically: the comment shows at once as "sending", becomes the server's version
   * on success, and on failure goes away again with its text back in the box. A retry of the same
   * text reuses the Idempotency-Key, so a post whose answer was lost is not posted twice.
   */
  async post(f, text, parent) {
    const {t} = this.i, box = f.elements.body;
    if (f.keyText !== text) {
      f.key = uuid();
      f.keyText = text;
    }
    const n = this.add({id: uid(), parentId: parent?.c.id, depth: parent ? parent.c.depth + 1 : 0, author: this.me.user,
      body: text, createdAt: new Date().toISOString(), pending: true}, !parent && this.sort === 'newest');
    this.nodes.delete(n.c.id);
    n.li.scrollIntoView?.({block: 'nearest'});
    box.value = '';
    this.counter(f);
    f.hidden = !!parent;
    try {
      const c = await this.api.call('POST', this.path(), {body: text, parentId: parent?.c.id,
        targetTitle: this.getAttribute('title') || undefined, targetUrl: this.getAttribute('url') || location.origin + location.pathname},
      {'Idempotency-Key': f.key});
      f.keyText = null;
      if (parent) this.open(parent);
      if (this.nodes.has(c.id)) { // the live channel was quicker
        n.li.remove();
      } else {
        this.nodes.set(c.id, n);
        n.li.dataset.id = c.id;
        this.update(n, c);
        this.count(1);
      }
      this.say(t('posted'));
    } catch (e) {
      n.li.remove();
      box.value = box.value ? text + '\n' + box.value : text;
      f.hidden = false;
      this.counter(f);
      if (!(e instanceof ApiError)) throw e;
      this.formError(f, e);
    }
  }

  /** Saves an edit made against the version shown; when someone changed it since, reloads it and keeps the text. */
  async edit(n, f, text) {
    try {
      this.update(n, await this.api.call('PATCH', 'comments/' + n.c.id, {body: text}, {'If-Match': `"${n.c.version}"`}));
      this.say(this.i.t('saved'));
    } catch (e) {
      if (e.status === 412) {
        this.update(n, await this.api.call('GET', 'comments/' + n.c.id));
        f = this.doEdit(n);
        f.elements.body.value = text;
        this.counter(f);
      }
      this.formError(f, e);
    }
  }

  /** Opens something under a comment (reply form, confirm step, picker), or closes it when it is open. */
  open(n, kind, make) {
    const slot = n.art.querySelector('.slot'), was = slot.dataset.kind;
    slot.replaceChildren();
    delete slot.dataset.kind;
    n.art.querySelector('[data-act=Pick]')?.setAttribute('aria-expanded', String(kind === 'Pick' && was !== kind));
    if (!kind || was === kind) return n.art.querySelector(`[data-act=${was}]`)?.focus();
    const el = make();
    slot.dataset.kind = kind;
    slot.append(el);
    el.querySelector('textarea,select,button')?.focus();
    return el;
  }

  doHelp(n, b) {
    const help = b.form.querySelector('.help');
    help.hidden = !help.hidden;
    b.setAttribute('aria-expanded', String(!help.hidden));
  }

  doClose(n) {
    this.open(n);
  }

  doMore() {
    return this.page(this.next);
  }

  async doReplies(n, b) {
    const page = await this.api.call('GET', paged(`comments/${n.c.id}/replies`, n.cursor));
    page.items.forEach(c => this.add(c));
    n.cursor = page.next;
    b.hidden = !page.next;
    this.nodes.get(page.items[0]?.id)?.art.focus();
  }

  doReply(n) {
    const {t} = this.i;
    this.open(n, 'Reply', () => this.form(t('replyLabel', n.c.author.name), t('reply'), '', (text, f) => this.post(f, text, n), true));
  }

  doEdit(n) {
    const {t} = this.i;
    return this.open(n, 'Edit', () => this.form(t('editLabel'), t('save'), n.c.body, (text, f) => this.edit(n, f, text), true));
  }

  doDelete(n) {
    const {t} = this.i;
    this.open(n, 'Delete', () => h('p', {}, t('confirmDelete') + ' ', button('Confirm', t('yesDelete')), ' ', button('Close', t('no'))));
  }

  async doConfirm(n) {
    await this.api.call('DELETE', 'comments/' + n.c.id);
    this.gone(n);
    // The comment, or its buttons, went with the focus: the reader goes on from the list's title.
    if (!this.shadowRoot.activeElement) this.heading.focus();
    this.count(-1);
    this.say(this.i.t('removed'));
  }

  doFlag(n) {
    const {t} = this.i;
    this.open(n, 'Flag', () => h('p', {}, h('label', {}, t('flagReason') + ' ',
      h('select', {}, ...REASONS.map(r => h('option', {value: r}, t('reasons')[r])))), ' ',
    button('Report', t('sendFlag')), ' ', button('Close', t('cancel'))));
  }

  async doReport(n, b) {
    const reason = b.parentElement.querySelector('select').value;
    this.update(n, await this.api.call('POST', `comments/${n.c.id}/flags`, {reason}));
    this.say(this.i.t('flagged'));
  }

  doPick(n) {
    this.open(n, 'Pick', () => h('div', {class: 'reactions', role: 'group', 'aria-label': this.i.t('react')},
      ...this.me.reactions.map(emoji => this.reaction(n.c, emoji))));
  }

  async doReact(n, b) {
    const emoji = b.dataset.emoji, on = n.c.myReactions.includes(emoji), picker = b.closest('.slot');
    const c = await this.api.call(on ? 'DELETE' : 'PUT', `comments/${n.c.id}/reactions/${encodeURIComponent(emoji)}`);
    // From the open picker: it stays open, focus stays on the emoji, which now says whether it is chosen.
    this.update(n, c, !!picker);
    picker?.querySelectorAll('[data-emoji]').forEach(x => x.setAttribute('aria-pressed', String(c.myReactions.includes(x.dataset.emoji))));
  }

  /**
   * Applies a change pushed by the live channel: kind `comment.created`, `.edited`, `.deleted`,
   * `.reactions`, `.hidden` or `.approved` with its payload. Payloads are shaped for any reader,
   * so this viewer's own reactions and rights are kept or worked out here.
   */
  apply(kind, p) {
    const n = this.nodes.get(p.id), me = this.me?.user, mine = !!me && p.author?.id === me.id;
    if (!this.me) return;
    if (kind === 'comment.created') {
      // A new top-level comment belongs after the pages not loaded yet, unless the newest come first.
      const later = !p.parentId && this.next && this.sort !== 'newest';
      if (n || !later && !this.add({...p, myReactions: [], canEdit: mine, canDelete: mine}, this.sort === 'newest' && !p.parentId)) return;
      this.count(1);
      if (!mine && !later) this.say(this.i.t('newComment', p.author.name));
    } else if (!n || n.c.deleted || p.version < n.c.version || kind === 'comment.edited' && p.version === n.c.version
      || kind === 'comment.reactions' && JSON.stringify(p.reactions) === JSON.stringify(n.c.reactions)) {
      return; // gone, or already shown (own changes come back too): re-rendering would only disturb focus
    } else if (kind === 'comment.deleted') {
      this.gone(n);
      this.count(-1);
    } else if (kind === 'comment.reactions') {
      this.update(n, {...n.c, reactions: p.reactions}, true);
    } else if (kind === 'comment.hidden') {
      this.update(n, n.c.canEdit ? {...n.c, hidden: true} : {...n.c, hidden: true, body: '', html: '', reactions: {}}, true);
    } else {
      this.update(n, {...n.c, ...p, myReactions: n.c.myReactions, canEdit: n.c.canEdit, canDelete: n.c.canDelete}, true);
    }
  }
}

define('inflow-comments', InflowComments);
