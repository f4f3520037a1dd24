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
  // <inflow-ask>
  qHeading: 'Ask an expert', qSignIn: 'Sign in to ask the experts.',
  qForYou: 'Questions for you', qMine: 'My questions', qAbout: 'About this page',
  qTitle: 'Your question', qBody: 'Details (optional)', qTags: 'Tags', qAddTag: 'Add a tag', qTagHint: 'Enter or comma adds it.',
  qRemoveTag: tag => 'Remove tag ' + tag, qTooManyTags: n => 'At most ' + n + ' tags.', qAnonymous: 'Ask anonymously',
  qAsk: 'Ask', qNeedTitle: 'Please write your question first.', qNeedTag: 'Add at least one tag, so the right experts see it.',
  qSimilar: 'Already asked — maybe one of these answers it:',
  qAsked: n => n === '0' ? 'Your question was posted.' : 'Your question was posted and sent to ' + n + (n === '1' ? ' expert.' : ' experts.'),
  qAnswered: 'Your answer was posted.',
  qEmpty: {'for-me': 'Nothing waiting for you.', mine: 'You have not asked anything yet.', about: 'No questions about this page yet.'},
  qStatus: {open: 'open', answered: 'answered', accepted: 'solved', closed: 'closed'},
  qAnswers: n => n + (n === '1' ? ' answer' : ' answers'), qGone: 'This question is gone, or you cannot see it.',
  qYourAnswer: 'Your answer', qAnswer: 'Post answer', qAnonymousAuthor: 'anonymous', qBack: 'All questions',
  qRouted: n => 'Sent to ' + n + (n === '1' ? ' expert' : ' experts') + ' for its tags.',
  qUp: 'Helpful', qDown: 'Not helpful', qScore: 'Score',
  qAccepted: 'Accepted', qVerified: name => 'Verified' + (name ? ' by ' + name : ''),
  qAccept: 'Accept this answer', qUnaccept: 'Withdraw acceptance', qVerify: 'Verify', qUnverify: 'Withdraw verification',
  qAcceptedNow: 'Answer accepted. Thanks for closing the loop!', qVerifiedNow: 'Answer verified.',
  notifications: 'Notifications', unreadNotifications: n => 'Notifications, ' + n + ' unread',
  markAllRead: 'Mark all read', markRead: 'Mark read', markReadOf: title => 'Mark read: ' + title,
  allRead: 'All notifications are read.', noNotifications: 'Nothing new.', newNotification: 'New notification.',
  signInNotifications: 'Sign in to see your notifications.',
  nReasons: {
    'question.routed': 'A question for you: {title}', 'question.escalated': 'Still unanswered: {title}',
    'answer.posted': '{who} answered your question {title}', 'answer.accepted': 'Your answer to {title} was accepted',
    'answer.verified': 'Your answer to {title} was verified', 'comment.replied': '{who} replied to your comment on {title}',
    mentioned: '{who} mentioned you on {title}',
  },
};

// Other languages are chunks of their own, fetched only by pages in that language (while the
// element's first API calls are on their way, so they cost no extra round trip).
const tables = {en: async () => ({}), de: () => import('./i18n-de.js')};
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
 *
 * <p>Resolves at once for English; another language's table is fetched first (once per page), so
 * call this beside the element's first API requests, not before them. When that table cannot be
 * fetched the element speaks English, and says so with its `lang`.
 */
export async function i18n(el) {
  const code = wanted(el).toLowerCase().split('-')[0], known = Object.hasOwn(tables, code);
  const table = await tables[known ? code : 'en']().catch(() => null);
  const lang = known && table ? code : 'en';
  const messages = {...en, ...table?.default};
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
