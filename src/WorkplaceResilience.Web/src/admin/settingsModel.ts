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
export function validate(v: SettingsValues): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  if (!wholeNumberIn(v.minimumGroupSize, 5, 100_000)) add('minimumGroupSize', 'Please enter a whole number of 5 or more.');
  if (!wholeNumberIn(v.retentionDays, 7, 730)) add('retentionDays', 'Please enter a number of days from 7 to 730.');
  if (!wholeNumberIn(v.dailyCap, 1, 8)) add('dailyCap', 'Please enter a number of breaks from 1 to 8.');
  if (!HH_MM.test(v.workStart)) add('workStart', 'Please enter a time such as 09:00.');
  if (!HH_MM.test(v.workEnd)) add('workEnd', 'Please enter a time such as 17:30.');
  if (HH_MM.test(v.workStart) && HH_MM.test(v.workEnd) && v.workEnd <= v.workStart)
    add('workEnd', 'The working day needs to end after it starts.');
  if (v.quietStart !== '' && !HH_MM.test(v.quietStart)) add('quietStart', 'Please enter a time such as 12:00, or leave it empty.');
  if (v.quietEnd !== '' && !HH_MM.test(v.quietEnd)) add('quietEnd', 'Please enter a time such as 13:00, or leave it empty.');
  if ((v.quietStart === '') !== (v.quietEnd === ''))
    add(v.quietStart === '' ? 'quietStart' : 'quietEnd', 'Quiet hours need both a start and an end, or neither.');

  if (v.supportLinks.length > MAX_SUPPORT_LINKS) add('supportLinks', `Up to ${MAX_SUPPORT_LINKS} links, please.`);
  v.supportLinks.forEach((link, i) => {
    if (link.title.trim() === '') add(`supportLinks[${i}].title`, 'Please give this link a title.');
    if (!isHttpsUrl(link.url.trim())) add(`supportLinks[${i}].url`, 'Please enter an address starting with https://');
  });

  const bad = groupLines(v.groupsInScope)
    .map((line, i) => (GUID.test(line) ? null : i + 1))
    .filter((n): n is number => n !== null);
  if (bad.length > 0)
    add('groupsInScope', `${bad.length === 1 ? 'Line' : 'Lines'} ${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a group ID (it looks like 0a1b2c3d-…).`);
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
