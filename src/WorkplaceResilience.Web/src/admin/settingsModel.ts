import { english, type Translator } from '../i18n/lookup';
import type { FieldErrors } from '../api/errors';
import type { SupportLink, TenantSettings } from '../api/types';

export const MAX_SUPPORT_LINKS = 5;

/** What the form edits: numbers as typed (strings), quiet hours "" for none, groups one per line. */
export interface SettingsValues {
  enabled: boolean;
  minimumGroupSize: string;
  retentionDays: string;
  workStart: string;
  workEnd: string;
  dailyCap: string;
  quietStart: string;
  quietEnd: string;
  supportLinks: SupportLink[];
  groupsInScope: string;
}

export { serverFieldErrors, normaliseField, type FieldErrors } from '../api/errors';

export function toValues(s: TenantSettings): SettingsValues {
  return {
    enabled: s.enabled,
    minimumGroupSize: String(s.minimumGroupSize),
    retentionDays: String(s.retentionDays),
    workStart: s.workStart,
    workEnd: s.workEnd,
    dailyCap: String(s.dailyCap),
    quietStart: s.quietStart ?? '',
    quietEnd: s.quietEnd ?? '',
    supportLinks: (s.supportLinks ?? []).map((l) => ({ title: l.title, url: l.url })),
    groupsInScope: (s.groupsInScope ?? []).join('\n'),
  };
}

function groupLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The PUT body. `nudgesPaused` is the kill switch's current state: the form never changes it. */
export function toSettings(v: SettingsValues, nudgesPaused: boolean): TenantSettings {
  return {
    enabled: v.enabled,
    nudgesPaused,
    minimumGroupSize: Number(v.minimumGroupSize),
    retentionDays: Number(v.retentionDays),
    workStart: v.workStart,
    workEnd: v.workEnd,
    dailyCap: Number(v.dailyCap),
    quietStart: v.quietStart.trim() === '' ? null : v.quietStart,
    quietEnd: v.quietEnd.trim() === '' ? null : v.quietEnd,
    supportLinks: v.supportLinks.map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
    groupsInScope: groupLines(v.groupsInScope),
  };
}

export function sameValues(a: SettingsValues, b: SettingsValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function wholeNumberIn(text: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(text.trim())) return false;
  const n = Number(text);
  return n >= min && n <= max;
}

/** The checks we can make before asking the service (which checks again and may say more). */
export function validate(v: SettingsValues, i18n: Translator = english): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  const { t } = i18n;
  if (!wholeNumberIn(v.minimumGroupSize, 5, 100_000)) add('minimumGroupSize', t('valid.groupSize'));
  if (!wholeNumberIn(v.retentionDays, 7, 730)) add('retentionDays', t('valid.retention'));
  if (!wholeNumberIn(v.dailyCap, 1, 8)) add('dailyCap', t('valid.dailyCap'));
  if (!HH_MM.test(v.workStart)) add('workStart', t('valid.time', { example: '09:00' }));
  if (!HH_MM.test(v.workEnd)) add('workEnd', t('valid.time', { example: '17:30' }));
  if (HH_MM.test(v.workStart) && HH_MM.test(v.workEnd) && v.workEnd <= v.workStart) add('workEnd', t('valid.endAfterStart'));
  if (v.quietStart !== '' && !HH_MM.test(v.quietStart)) add('quietStart', t('valid.timeOrEmpty', { example: '12:00' }));
  if (v.quietEnd !== '' && !HH_MM.test(v.quietEnd)) add('quietEnd', t('valid.timeOrEmpty', { example: '13:00' }));
  if ((v.quietStart === '') !== (v.quietEnd === '')) add(v.quietStart === '' ? 'quietStart' : 'quietEnd', t('valid.quietBoth'));

  if (v.supportLinks.length > MAX_SUPPORT_LINKS) add('supportLinks', t('valid.tooManyLinks', { max: MAX_SUPPORT_LINKS }));
  v.supportLinks.forEach((link, i) => {
    if (link.title.trim() === '') add(`supportLinks[${i}].title`, t('valid.linkTitle'));
    if (!isHttpsUrl(link.url.trim())) add(`supportLinks[${i}].url`, t('valid.linkUrl'));
  });

  const bad = groupLines(v.groupsInScope)
    .map((line, i) => (GUID.test(line) ? null : i + 1))
    .filter((n): n is number => n !== null);
  if (bad.length > 0)
    add('groupsInScope', i18n.tn('valid.groupLines', bad.length, { lines: bad.join(', ') }));
  return errors;
}

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Messages for fields the form does not show (so that nothing the service said is lost). */
export function unplacedErrors(errors: FieldErrors, shown: (field: string) => boolean): string[] {
  return Object.entries(errors)
    .filter(([field]) => !shown(field))
    .flatMap(([, messages]) => messages);
}
