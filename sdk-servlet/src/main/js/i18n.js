// Message tables: every word an element shows or announces comes from here. A message is a string;
// a function of names and numbers (numbers arrive formatted for the language); or, for counts, an
// object of plural forms ({one, other}, and what else the language needs: zero, two, few, many)
// where '#' stands for the formatted number. English is complete; other tables may leave keys out
// and English fills them in.

const en = {
  comments: 'Comments',
  count: {one: '# comment', other: '# comments'},
  sortBy: 'Sort by', oldest: 'Oldest', newest: 'Newest', top: 'Top',
  label: 'Add a comment', replyLabel: name => 'Reply to ' + name, editLabel: 'Edit your comment',
  post: 'Post', save: 'Save', cancel: 'Cancel', reply: 'Reply', edit: 'Edit', delete: 'Delete', flag: 'Flag',
  react: 'Add a reaction',
  help: 'Formatting help', helpItems: ['bold', 'italic', 'code', 'link', 'list', 'mention someone'],
  tooMany: {one: '# character too many', other: '# characters too many'},
  sending: 'Sending…', edited: 'edited', replyingTo: name => 'in reply to ' + name,
  deleted: 'This comment was deleted', hidden: 'Hidden while a moderator reviews it',
  confirmDelete: 'Delete this comment?', yesDelete: 'Yes, delete', no: 'No',
  flagReason: 'Why should a moderator look at this?',
  reasons: {spam: 'Spam', abuse: 'Abusive', 'off-topic': 'Off topic', other: 'Something else'},
  sendFlag: 'Send to moderators', flagged: 'Thanks. A moderator will take a look.',
  loadMore: 'Show more comments', moreReplies: 'Show more replies',
  empty: 'No comments yet. Start the conversation.',
  signIn: 'Sign in to comment.', signInToRead: 'Sign in to see the comments.',
  posted: 'Your comment was posted.', saved: 'Your changes were saved.', removed: 'The comment was deleted.',
  newComment: name => 'New comment from ' + name,
  reconnecting: 'Offline — reconnecting…', paused: 'Live updates paused',
  offline: 'You seem to be offline. Try again later.',
  rateLimited: {one: 'You are going a bit fast. Try again in # second.', other: 'You are going a bit fast. Try again in # seconds.'},
  signInRequired: 'Please sign in again.',
  forbidden: 'You are not allowed to do that here.',
  notFound: 'This comment is gone, or you cannot see it.',
  changed: 'Someone else changed this comment meanwhile. It was reloaded; check it and save again.',
  conflict: 'This comment cannot be changed any more.',
  tooLong: 'Your text is too long.',
  invalid: detail => 'That did not work: ' + detail,
  server: 'Something went wrong on our side. Try again soon.',
  feed: 'Activity', tabFollowing: 'Following', tabTarget: 'This page', showMore: 'Show more',
  signInFeed: 'Sign in to see what the people and topics you follow are up to.',
  emptyHome: 'Nothing yet. Follow people, topics or pages to see their activity here.',
  emptyFeed: 'No activity yet.', feedNotFound: 'This feed is not there, or you cannot see it.',
  follow: 'Follow', mute: 'Mute', followed: 'You follow this now.', unfollowed: 'You no longer follow this.',
  mutedNow: 'Muted: it stays out of your feed.', unmuted: 'Unmuted.', arrived: 'New activity.',
  someone: 'Someone', two: (a, b) => [a, ' and ', b], others: (a, n) => [a, ' and ' + n + (n === '1' ? ' other' : ' others')],
  times: n => '(' + n + ' times)',
  verbs: {
    commented: () => '{who} commented on {target}', replied: () => '{who} replied on {target}',
    liked: () => '{who} liked a comment on {target}', asked: () => '{who} asked {object}',
    answered: () => '{who} answered {target}', accepted: () => '{who} accepted an answer to {target}',
    verified: () => '{who} verified an answer to {target}',
  },
  act: () => '{who} {verb} {object}', actOn: () => '{who} {verb} {object} on {target}',
};

const de = {
  comments: 'Kommentare',
  count: {one: '# Kommentar', other: '# Kommentare'},
  sortBy: 'Sortieren', oldest: 'Älteste', newest: 'Neueste', top: 'Beliebteste',
  label: 'Kommentar schreiben', replyLabel: name => 'Antwort an ' + name, editLabel: 'Kommentar bearbeiten',
  post: 'Senden', save: 'Speichern', cancel: 'Abbrechen', reply: 'Antworten', edit: 'Bearbeiten', delete: 'Löschen', flag: 'Melden',
  react: 'Reaktion hinzufügen',
  help: 'Formatierungshilfe', helpItems: ['fett', 'kursiv', 'Code', 'Link', 'Liste', 'jemanden erwähnen'],
  tooMany: {other: '# Zeichen zu viel'},
  sending: 'Wird gesendet…', edited: 'bearbeitet', replyingTo: name => 'Antwort an ' + name,
  deleted: 'Dieser Kommentar wurde gelöscht', hidden: 'Ausgeblendet, bis die Moderation ihn prüft',
  confirmDelete: 'Diesen Kommentar löschen?', yesDelete: 'Ja, löschen', no: 'Nein',
  flagReason: 'Warum sollte die Moderation sich das ansehen?',
  reasons: {spam: 'Spam', abuse: 'Beleidigend', 'off-topic': 'Themenfremd', other: 'Etwas anderes'},
  sendFlag: 'An die Moderation senden', flagged: 'Danke. Die Moderation sieht sich das an.',
  loadMore: 'Weitere Kommentare', moreReplies: 'Weitere Antworten',
  empty: 'Noch keine Kommentare. Schreib den ersten.',
  signIn: 'Melde dich an, um zu kommentieren.', signInToRead: 'Melde dich an, um die Kommentare zu sehen.',
  posted: 'Dein Kommentar wurde veröffentlicht.', saved: 'Deine Änderungen wurden gespeichert.', removed: 'Der Kommentar wurde gelöscht.',
  newComment: name => 'Neuer Kommentar von ' + name,
  reconnecting: 'Offline – Verbindung wird wiederhergestellt…', paused: 'Live-Aktualisierung pausiert',
  offline: 'Du scheinst offline zu sein. Versuche es später noch einmal.',
  rateLimited: {one: 'Etwas zu schnell. Versuche es in # Sekunde noch einmal.', other: 'Etwas zu schnell. Versuche es in # Sekunden noch einmal.'},
  signInRequired: 'Bitte melde dich neu an.',
  forbidden: 'Das darfst du hier nicht.',
  notFound: 'Dieser Kommentar ist weg, oder du darfst ihn nicht sehen.',
  changed: 'Jemand hat den Kommentar inzwischen geändert. Er wurde neu geladen; prüfe ihn und speichere erneut.',
  conflict: 'Dieser Kommentar kann nicht mehr geändert werden.',
  tooLong: 'Dein Text ist zu lang.',
  invalid: detail => 'Das hat nicht geklappt: ' + detail,
  server: 'Bei uns ging etwas schief. Versuche es gleich noch einmal.',
  feed: 'Aktivität', tabFollowing: 'Abonniert', tabTarget: 'Diese Seite', showMore: 'Mehr anzeigen',
  signInFeed: 'Melde dich an, um zu sehen, was die Leute und Themen tun, denen du folgst.',
  emptyHome: 'Noch nichts. Folge Personen, Themen oder Seiten, um hier ihre Aktivität zu sehen.',
  emptyFeed: 'Noch keine Aktivität.', feedNotFound: 'Diesen Feed gibt es nicht, oder du darfst ihn nicht sehen.',
  follow: 'Folgen', mute: 'Stummschalten', followed: 'Du folgst dem jetzt.', unfollowed: 'Du folgst dem nicht mehr.',
  mutedNow: 'Stummgeschaltet: Es bleibt aus deinem Feed.', unmuted: 'Nicht mehr stummgeschaltet.', arrived: 'Neue Aktivität.',
  someone: 'Jemand', two: (a, b) => [a, ' und ', b], others: (a, n) => [a, ' und ' + n + (n === '1' ? ' weitere Person' : ' weitere')],
  times: n => '(' + n + '-mal)',
  verbs: {
    commented: many => '{who} ' + (many ? 'haben' : 'hat') + ' {target} kommentiert',
    replied: many => '{who} ' + (many ? 'haben' : 'hat') + ' zu {target} geantwortet',
    liked: many => '{who} ' + (many ? 'mögen' : 'mag') + ' einen Kommentar zu {target}',
    asked: many => '{who} ' + (many ? 'haben' : 'hat') + ' {object} gefragt',
    answered: many => '{who} ' + (many ? 'haben' : 'hat') + ' {target} beantwortet',
    accepted: many => '{who} ' + (many ? 'haben' : 'hat') + ' eine Antwort auf {target} angenommen',
    verified: many => '{who} ' + (many ? 'haben' : 'hat') + ' eine Antwort auf {target} bestätigt',
  },
  act: () => '{who}: {verb} {object}', actOn: () => '{who}: {verb} {object} ({target})',
};

const tables = {en, de};
const UNITS = [['year', 31536e3], ['month', 2592e3], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];

/** @return the language an element speaks: its `lang` or its nearest ancestor's, else the browser's */
const wanted = el => {
  for (let n = el; n; n = n.parentElement || n.getRootNode().host) if (n.lang) return n.lang;
  return navigator.language || 'en';
};

/**
 * The messages and formats for an element: its `lang`, else the nearest ancestor's (normally
 * `<html lang>`, also across the shadow roots of other components), else the browser's language;
 * English when there is no table for it. `lang` is the language actually used: put it on the
 * element's content so that screen readers pronounce it right.
 */
export function i18n(el) {
  const code = wanted(el).toLowerCase().split('-')[0];
  const lang = tables[code] ? code : 'en';
  const messages = {...en, ...tables[lang]};
  const number = new Intl.NumberFormat(lang);
  const plural = new Intl.PluralRules(lang);
  const relative = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
  const exact = new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeStyle: 'short'});
  return {
    lang,
    /** @return the message; numbers in it formatted, and its plural form picked, for the language */
    t: (key, ...args) => {
      const m = messages[key];
      if (typeof m === 'function') return m(...args.map(a => typeof a === 'number' ? number.format(a) : a));
      if (typeof args[0] === 'number' && m.other) return (m[plural.select(args[0])] || m.other).replace('#', number.format(args[0]));
      return m;
    },
    num: n => number.format(n),
    ago: iso => {
      const s = (Date.parse(iso) - Date.now()) / 1000;
      const [unit, size] = UNITS.find(([, size]) => Math.abs(s) >= size) || ['second', 1];
      return relative.format(unit === 'second' ? 0 : Math.trunc(s / size), unit);
    },
    exact: iso => exact.format(new Date(iso)),
  };
}
