// <inflow-ask tags="vpn" target="kb/vpn-setup">: ask the people who know, from the page where the question comes up.
import {ApiError, uuid} from './api.js';
import {subscribe} from './live.js';
import {avatar, button, define, explain, h, InflowElement, nextTab, paged, sheet, tablist, time, uid} from './ui.js';

/** Similar questions are looked up once typing pauses this long (ms), not on every key. */
const PAUSE = 300;
const MAX_TAGS = 5;

const css = sheet(`
h2{margin-bottom:.5em}h3{margin:.3em 0;font-size:1.1em}
.form{margin-bottom:var(--_g)}fieldset{border:1px solid var(--_bd);border-radius:var(--_r)}
ul,ol{list-style:none;margin:0;padding:0}.chips,.tabs{display:flex;flex-wrap:wrap;gap:.4em;align-items:center}
.chip,.tag{border-radius:1em;background:var(--_sf);padding:0 .6em;font-size:.875em}.chip button{border:0;background:none}
.status:empty,ol:not(:empty)+.empty{display:none}
.tabs{margin-bottom:.5em}[role=tab][aria-selected=true]{box-shadow:inset 0 -3px var(--_a)}
ol>li{padding:.3em 0;border-bottom:1px solid var(--_sf)}.answer{display:flex;gap:var(--_g)}.answer>div+div{flex:1;min-width:0}
.accepted{border-left:3px solid var(--_a);padding-left:.5em}.votes{display:grid;justify-items:center;align-content:start}
.badge{color:var(--_a)}
`);

/**
 * Ask an expert: a form (title, details, tag chips, anonymity) that suggests similar questions while
 * typing; tabs with the questions routed to the reader, their own questions and those about the
 * target; a question page with answers, votes, accept and verify. Lists and the open question
 * update live. Attributes: tags (preset tags, comma or space separated), target, title, url, api,
 * token, lang. Dispatches `inflow-token-expired` when the host must set a fresh `token`.
 */
export class InflowAsk extends InflowElement {
  static observedAttributes = ['tags', 'target', 'api', 'token', 'lang'];
  notFoundMessage = 'qGone';

  constructor() {
    super(css);
  }

  halt() {
    super.halt();
    clearTimeout(this.typing);
    this.follow();
    this.watch?.();
  }

  async start() {
    const signal = this.begin();
    this.watch = this.q = this.me = null;
    // The first tab's list goes out beside "who am I" (first content within one round trip); it is
    // used when the first tab turns out to be the one guessed, and dropped otherwise.
    const guess = 'scope=for-me', first = this.api.request('GET', 'questions?' + guess), me = this.api.me();
    first.catch(() => {});
    me.catch(() => {}); // handled below
    const t = (await this.speak(signal, 'click', 'submit', 'input', 'keydown'))?.t;
    if (!t) return;
    this.status = h('p', {part: 'status', class: 'status', role: 'status'});
    this.compose = h('div');
    this.view = h('div');
    this.shadowRoot.replaceChildren(h('h2', {part: 'title'}, t('qHeading')), this.status, this.compose, this.view);
    try {
      this.me = await me;
    } catch (e) {
      return this.fail(e);
    }
    if (signal.aborted) return;
    this.compose.replaceChildren(this.me.signedIn ? this.askForm() : h('p', {part: 'note', class: 'muted'}, t('qSignIn')));
    this.run(this.list(undefined, first, guess));
  }

  /** @return the tabs: [name, label, query] */
  tabs() {
    const {t} = this.i, key = this.getAttribute('target');
    return [
      this.me.signedIn && ['for-me', t('qForYou'), 'scope=for-me'],
      this.me.signedIn && ['mine', t('qMine'), 'scope=mine'],
      key && ['about', t('qAbout'), 'target=' + encodeURIComponent(key)],
    ].filter(Boolean);
  }

  askForm() {
    const {t} = this.i, id = uid();
    this.tags = (this.getAttribute('tags') || '').split(/[\s,]+/).map(norm).filter(Boolean).slice(0, MAX_TAGS);
    this.chips = h('ul', {class: 'chips'});
    this.similar = h('div', {id: id + 's', 'aria-live': 'polite'});
    this.chipsShow();
    return h('form', {part: 'form', class: 'form'},
      h('label', {for: id + 't'}, t('qTitle')),
      h('input', {id: id + 't', name: 'title', part: 'input', autocomplete: 'off', 'aria-describedby': id + 's'}),
      this.similar,
      h('label', {for: id + 'b'}, t('qBody')),
      h('textarea', {id: id + 'b', name: 'body', part: 'textarea', rows: 4, 'aria-keyshortcuts': 'Control+Enter'}),
      h('fieldset', {}, h('legend', {}, t('qTags')), this.chips,
        h('label', {for: id + 'g'}, t('qAddTag')), ' ', h('small', {id: id + 'h'}, t('qTagHint')),
        h('input', {id: id + 'g', name: 'tag', part: 'input', autocomplete: 'off', 'aria-describedby': id + 'h'})),
      h('label', {}, h('input', {type: 'checkbox', name: 'anonymous'}), ' ' + t('qAnonymous')),
      h('p', {class: 'error', part: 'error', 'aria-live': 'polite'}),
      h('div', {class: 'bar'}, h('button', {part: 'button', class: 'primary'}, t('qAsk'))));
  }

  chipsShow() {
    this.chips.replaceChildren(...this.tags.map(tag => h('li', {class: 'chip', part: 'tag'}, tag,
      button('Untag', '×', {class: '', 'data-tag': tag, 'aria-label': this.i.t('qRemoveTag', tag)}))));
  }

  /** Adds what the tag box holds as a chip; false with a message when there is no room. */
  tag(f) {
    const box = f.elements.tag, tag = norm(box.value);
    box.value = '';
    if (tag && !this.tags.includes(tag)) {
      if (this.tags.length >= MAX_TAGS) {
        this.formError(f, this.i.t('qTooManyTags', MAX_TAGS), box);
        return false;
      }
      this.tags.push(tag);
      this.chipsShow();
    }
    return true;
  }

  /** Event delegation for the whole shadow root; listeners go with the AbortController. */
  handleEvent(e) {
    const el = e.target, f = el.form, k = e.key, next = e.type === 'keydown' && nextTab(e);
    if (next) {
      this.run(this.list(next.dataset.tab));
    } else if (e.type === 'click') {
      const b = el.closest('[data-act]');
      if (b) this.run(this['do' + b.dataset.act](b));
    } else if (e.type === 'submit') {
      e.preventDefault();
      this.run(el.elements.tag ? this.ask(el) : this.answer(el));
    } else if (e.type === 'input' && f?.elements.tag && el.name !== 'tag') {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => this.run(this.suggest(f)), PAUSE);
    } else if (e.type === 'keydown') {
      if (el.name === 'tag' && (k === 'Enter' || k === ',')) {
        e.preventDefault();
        this.tag(f);
      } else if (el.name === 'tag' && k === 'Backspace' && !el.value && this.tags.pop()) {
        this.chipsShow();
      } else if (f && k === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        f.requestSubmit();
      } else if (k === 'Escape' && this.q && !f) {
        this.run(this.doBack());
      }
    }
  }

  /** Puts a message under the form and the focus on the field to fix; a failed call says what the server refused. */
  formError(f, e, field) {
    const named = e.errors?.find(x => f.elements[x.field]);
    f.querySelector('.error').textContent = e instanceof ApiError
      ? e.status === 400 && e.errors?.length ? e.errors.map(x => x.message).join(' ') : explain(e, this.i.t) : e;
    (field || f.elements[named?.field] || f.elements.title || f.elements.body).focus();
  }

  /** Questions already asked that look like this one, shown under the title while typing. */
  async suggest(f) {
    const text = (f.elements.title.value + ' ' + f.elements.body.value).trim(), asked = this.asked = text;
    if (text.length < 4) return this.similar.replaceChildren();
    const {items} = await this.api.call('GET', 'questions/similar?limit=5&q=' + encodeURIComponent(text.slice(0, 500))
      + (this.tags.length ? '&tags=' + encodeURIComponent(this.tags.join()) : ''));
    if (asked !== this.asked) return; // typing went on meanwhile
    this.similar.replaceChildren(...items.length ? [h('p', {class: 'muted'}, this.i.t('qSimilar')),
      h('ul', {part: 'similar'}, ...items.map(q => h('li', {}, this.link(q), ' ', this.facts(q))))] : []);
  }

  /** Asks; a retry of the same question reuses its Idempotency-Key, so a lost answer does not ask twice. */
  async ask(f) {
    const {t} = this.i, el = f.elements;
    if (!this.tag(f)) return;
    const body = {title: el.title.value.trim(), body: el.body.value.trim(), tags: this.tags, anonymous: el.anonymous.checked,
      targetKey: this.getAttribute('target') || undefined, targetTitle: this.getAttribute('title') || undefined,
      targetUrl: this.getAttribute('url') || location.origin + location.pathname};
    if (!body.title) return this.formError(f, t('qNeedTitle'), el.title);
    if (!body.tags.length) return this.formError(f, t('qNeedTag'), el.tag);
    const text = JSON.stringify(body);
    if (f.sent !== text) f.key = uuid();
    f.sent = text;
    f.querySelector('.error').textContent = '';
    try {
      const q = await this.api.call('POST', 'questions', body, {'Idempotency-Key': f.key});
      f.reset();
      f.sent = null;
      this.tags = [];
      this.chipsShow();
      this.similar.replaceChildren();
      await this.show(q.id, true);
      this.say(t('qAsked', q.routedTo.length));
    } catch (e) {
      if (e.name !== 'AbortError') this.formError(f, e);
    }
  }

  async answer(f) {
    const text = f.elements.body.value.trim(), id = this.q.id;
    if (!text) return f.elements.body.focus();
    if (f.sent !== text) f.key = uuid();
    f.sent = text;
    try {
      await this.api.call('POST', `questions/${id}/answers`, {body: text}, {'Idempotency-Key': f.key});
      f.reset();
      await this.show(id);
      this.say(this.i.t('qAnswered'));
    } catch (e) {
      if (e.name !== 'AbortError') this.formError(f, e);
    }
  }

  /** Shows a tab of question lists (the first when none is named) and follows the reader's notifications for it. */
  async list(name, sent, query) {
    this.follow();
    this.q = null;
    const {t} = this.i, tabs = this.tabs(), tab = this.tab = tabs.find(x => x[0] === name) || tabs[0], panel = uid();
    if (!tab) return this.view.replaceChildren();
    this.items = h('ol', {part: 'list', class: 'list', 'aria-busy': 'true'});
    this.more = button('More', t('showMore'), {hidden: true});
    this.view.replaceChildren(tablist(t('qHeading'), tabs, panel, tab[0]),
      h('div', {part: 'panel', role: 'tabpanel', id: panel, 'aria-labelledby': panel + tab[0]},
        this.items, h('p', {part: 'empty', class: 'empty muted'}, t('qEmpty')[tab[0]]), this.more));
    await this.page(undefined, tab[2] === query ? sent : undefined);
  }

  async page(cursor, sent) {
    const tab = this.tab;
    try {
      const {json, headers} = await (sent || this.api.request('GET', paged('questions?' + tab[2], cursor)));
      if (tab !== this.tab || this.q) return;
      this.items.append(...json.items.map(q => h('li', {part: 'item'}, this.link(q), h('div', {class: 'meta'}, this.facts(q),
        ...q.tags.map(x => h('span', {class: 'tag', part: 'tag'}, x)), h('small', {}, time(q.createdAt, this.i))))));
      this.next = json.next;
      this.more.hidden = !json.next;
      // Routed to me, answered, accepted: every change to these lists reaches the reader as a notification.
      if (!this.watch && this.me.signedIn) {
        const again = () => this.q || this.list(this.tab[0]);
        this.watch = subscribe(this.api, 'notifications', parseInt(headers.get('Inflow-Seq')), again, again);
      }
    } finally {
      this.items.setAttribute('aria-busy', 'false');
    }
  }

  link(q) {
    return button('Open', q.title, {'data-id': q.id});
  }

  /** @return "open · 2 answers" */
  facts(q) {
    return h('small', {}, this.i.t('qStatus')[q.status] + ' · ' + this.i.t('qAnswers', q.answerCount));
  }

  /**
   * Shows one question with its answers and follows it live. Re-rendering keeps the answer being
   * typed and the focus on the same control.
   */
  async show(id, focus) {
    const {t} = this.i, {json: q, headers} = await this.api.request('GET', 'questions/' + encodeURIComponent(id));
    const was = this.shadowRoot.activeElement, again = this.q?.id === q.id;
    if (!focus && !again) return; // a late reload of a question the reader has left
    if (!again) {
      this.follow(subscribe(this.api, 'question:' + q.id, parseInt(headers.get('Inflow-Seq')), () => this.run(this.show(q.id)),
        () => this.run(this.show(q.id)), state => state === 'paused' && this.say(t('paused'))));
      this.reply = q.canAnswer && h('form', {part: 'form', class: 'form'}, h('label', {for: id + 'a'}, t('qYourAnswer')),
        h('textarea', {id: id + 'a', name: 'body', part: 'textarea', rows: 4, 'aria-keyshortcuts': 'Control+Enter'}),
        h('p', {class: 'error', part: 'error', 'aria-live': 'polite'}),
        h('div', {class: 'bar'}, h('button', {part: 'button', class: 'primary'}, t('qAnswer'))));
    }
    this.q = q;
    const who = q.author ? q.author.name + (q.anonymous ? ' (' + t('qAnonymousAuthor') + ')' : '') : t('qAnonymousAuthor');
    const title = h('h3', {part: 'question-title', tabindex: -1}, q.title), body = h('div', {part: 'body', class: 'body'});
    body.innerHTML = q.html; // sanitised by the server
    this.view.replaceChildren(h('article', {part: 'question'},
      button('Back', '← ' + t('qBack'), ), title,
      h('div', {class: 'meta'}, h('small', {}, who), time(q.createdAt, this.i), this.facts(q),
        ...q.tags.map(x => h('span', {class: 'tag', part: 'tag'}, x))),
      body,
      q.routedTo.length ? h('p', {class: 'muted'}, t('qRouted', q.routedTo.length)) : '',
      h('h3', {}, t('qAnswers', q.answers.length)),
      h('ol', {part: 'answers'}, ...q.answers.map(a => this.answerItem(a))),
      this.reply || ''));
    if (focus) title.focus();
    else if (this.view.contains(was)) was.focus();
    else if (was?.dataset.act) this.view.querySelector(['act', 'id', 'v'].map(k => `[data-${k}="${was.dataset[k]}"]`).join(''))?.focus();
  }

  answerItem(a) {
    const {t} = this.i, vote = (v, label, on) => button('Vote', v > 0 ? '▲' : '▼', {'data-id': a.id, 'data-v': v, 'aria-label': label,
      title: label, 'aria-pressed': String(on), disabled: !a.canVote, class: ''});
    const body = h('div', {part: 'body', class: 'body'});
    body.innerHTML = a.html; // sanitised by the server
    return h('li', {part: 'answer', class: 'answer' + (a.accepted ? ' accepted' : '')},
      h('div', {class: 'votes'}, vote(1, t('qUp'), a.myVote > 0), h('span', {title: t('qScore')}, this.i.num(a.score)),
        vote(-1, t('qDown'), a.myVote < 0)),
      h('div', {}, h('div', {class: 'meta'}, avatar(a.author), h('strong', {}, a.author.name), time(a.createdAt, this.i),
        a.accepted ? h('strong', {class: 'badge', part: 'accepted'}, '✓ ' + t('qAccepted')) : '',
        a.verified ? h('strong', {class: 'badge', part: 'verified'}, t('qVerified', a.verifiedBy?.name || '')) : ''),
      body,
      h('div', {class: 'bar'},
        a.canAccept ? button('Accept', t(a.accepted ? 'qUnaccept' : 'qAccept'), {'data-id': a.id}) : '',
        a.canVerify ? button('Verify', t(a.verified ? 'qUnverify' : 'qVerify'), {'data-id': a.id}) : '')));
  }

  /** Follows the open question's live topic; without an argument, stops. */
  follow(stop) {
    this.stop?.();
    this.stop = stop;
  }

  doOpen(b) {
    return this.show(b.dataset.id, true);
  }

  doBack() {
    const tab = this.tab?.[0];
    this.say('');
    return this.list(tab).then(() => this.view.querySelector('[aria-selected=true]')?.focus());
  }

  doTab(b) {
    return this.list(b.dataset.tab);
  }

  doMore() {
    return this.page(this.next);
  }

  doUntag(b) {
    this.tags = this.tags.filter(x => x !== b.dataset.tag);
    this.chipsShow();
    this.compose.querySelector('[name=tag]').focus();
  }

  async doVote(b) {
    const on = b.getAttribute('aria-pressed') === 'true', path = `answers/${b.dataset.id}/vote`;
    await this.api.call(on ? 'DELETE' : 'PUT', path, on ? undefined : {value: b.dataset.v > 0 ? 'up' : 'down'});
    await this.show(this.q.id);
  }

  async doAccept(b) {
    await this.mark(b, 'accept', this.answerOf(b).accepted, 'qAcceptedNow');
  }

  async doVerify(b) {
    await this.mark(b, 'verify', this.answerOf(b).verified, 'qVerifiedNow');
  }

  answerOf(b) {
    return this.q.answers.find(a => a.id === b.dataset.id);
  }

  async mark(b, what, on, said) {
    await this.api.call(on ? 'DELETE' : 'POST', `answers/${b.dataset.id}/${what}`);
    await this.show(this.q.id);
    this.say(on ? '' : this.i.t(said));
  }
}

/** Tags as the server keeps them: lower case, words joined by dashes. */
const norm = s => s.trim().toLowerCase().replace(/^#/, '').replace(/\s+/g, '-');

define('inflow-ask', InflowAsk);
