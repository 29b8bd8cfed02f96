/**
 * @module i18n
 * The studio's language: Simplified Chinese (default, the first users are Chinese HR teams) or
 * English. Every user-facing string comes from the catalogues `zh-CN.ts` and `en.ts`; `en.ts`
 * defines the keys and `zh-CN.ts` must have exactly the same ones (a missing or extra key is a
 * type error). Scheme titles and keys are shown as written; server messages are worded from their
 * codes by the catalogues next to this file (findings, explanations, trace, diff, import errors).
 *
 * Before login the choice is kept in localStorage; after login it is stored per user with
 * `PATCH /api/auth/me` and the user's stored language wins on the next visit.
 *
 * @example
 * t('nav.schemes')                       // '考核方案' or 'Schemes'
 * t('indicators.count', { n: 12 })       // '共 12 个指标' or '12 indicators'
 */
import { en, type MessageKey } from './en.ts';
import { zhCN } from './zh-CN.ts';

import { LOCALES, type Locale } from '../../../schemas/vocabulary.ts';

export { LOCALES, type Locale };
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'yardstick.locale';

function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage unavailable (privacy mode): fall through
  }
  return 'zh-CN';
}

class I18nState {
  locale = $state<Locale>(initialLocale());
}

/** The current language, reactive: components re-render when it changes. */
export const i18n = new I18nState();

function apply(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = catalogues[locale]['app.name'];
}
apply(i18n.locale);

/**
 * Change the language here and in localStorage (the server side is the session's job).
 * @example setLocale('en')
 */
export function setLocale(locale: string): void {
  if (!isLocale(locale)) return;
  i18n.locale = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not persisted; the choice still applies to this page
  }
  apply(locale);
}

/**
 * The message for a key in the current language, with `{name}` placeholders filled.
 * @example t('evaluate.status', { done: 3, total: 60, percent: 5 }) // '3 of 60 (5%)'
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[i18n.locale][key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** Whether a string is a message key (for codes mapped to messages, e.g. statuses). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
