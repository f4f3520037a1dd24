// Message tables: every word an element shows or announces comes from one module per language
// (i18n-en.js, i18n-de.js). A message is a string; a function of names and numbers (numbers arrive
// formatted for the language); or, for counts, an object of plural forms ({one, other}, and what
// else the language needs: zero, two, few, many) where '#' stands for the formatted number. Every
// table has every key of the English one (WidgetBudgetTest checks), so that a page needs only its
// own language's table.

// Each table is a module of its own, fetched only by pages in that language (while the element's
// first API calls are on their way, so they cost no extra round trip). The production build
// (WidgetBuild) puts the page's language into its bundle, so that a page fetches none of them.
const tables = {en: () => import('./i18n-en.js'), de: () => import('./i18n-de.js')};
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
 * <p>Resolves at once for the language built into the code the page loaded (its bundle's, or English
 * for single elements); another language's table is fetched first (once per page), so call this
 * beside the element's first API requests, not before them. When that table cannot be fetched the
 * element speaks English, and says so with its `lang`.
 */
export async function i18n(el) {
  const code = wanted(el).toLowerCase().split('-')[0], known = Object.hasOwn(tables, code);
  const table = known && await tables[code]().catch(() => null);
  const lang = table ? code : 'en';
  const messages = (table || await tables.en()).default;
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
