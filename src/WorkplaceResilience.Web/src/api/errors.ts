import type { ProblemDetails, ValidationProblemDetails } from './types';
import { english, type MessageKey, type Translator } from '../i18n/lookup';

/** An API failure carrying the server's RFC 7807 ProblemDetails (or one we made up for non-JSON failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail ? `${problem.title ?? 'Error'}: ${problem.detail}` : (problem.title ?? `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get title(): string {
    return this.problem.title ?? defaultTitle(this.status);
  }

  get detail(): string | undefined {
    return this.problem.detail;
  }
}

function statusTitleKey(status: number): MessageKey {
  if (status === 0) return 'error.unreachable';
  if (status === 401) return 'error.401';
  if (status === 403) return 'error.403';
  if (status === 404) return 'error.404';
  if (status === 409) return 'error.409';
  if (status === 429) return 'error.429';
  if (status >= 500) return 'error.5xx';
  return 'error.status';
}

/** The tab's own title for a failed request's status, in the given language (English by default). */
export function defaultTitle(status: number, i18n: Translator = english): string {
  return i18n.t(statusTitleKey(status), { status });
}

/**
 * Normalises anything thrown into a title/detail pair for display. The service's ProblemDetails are in English: in
 * another language the title is the tab's own for that status, and the service's detail follows it.
 */
export function describeError(error: unknown, i18n: Translator = english): { title: string; detail?: string } {
  if (error instanceof ApiError)
    return { title: i18n.language === 'en' ? error.title : defaultTitle(error.status, i18n), detail: error.detail };
  if (error instanceof Error) return { title: i18n.t('error.generic'), detail: error.message };
  return { title: i18n.t('error.generic') };
}


/** Messages per field, keyed like the JSON: `minimumGroupSize`, `supportLinks[0].url`; `''` for the form as a whole. */
export type FieldErrors = Record<string, string[]>;

/**
 * ASP.NET Core names fields as the JSON does (`minimumGroupSize`), as the C# property does (`MinimumGroupSize`,
 * `SupportLinks[0].Url`), or as a JSON path (`$.retentionDays`). Bring them all to the JSON spelling.
 */
export function normaliseField(name: string): string {
  const trimmed = name.replace(/^\$\.?/, '');
  return trimmed
    .split('.')
    .map((part) => (part ? part[0]!.toLowerCase() + part.slice(1) : part))
    .join('.');
}

/** Field errors from a 400 ValidationProblemDetails, or null when the error is something else. */
export function serverFieldErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const errors = (error.problem as ValidationProblemDetails).errors;
  if (!errors || typeof errors !== 'object') return null;
  const result: FieldErrors = {};
  for (const [name, messages] of Object.entries(errors)) {
    if (!Array.isArray(messages)) continue;
    (result[normaliseField(name)] ??= []).push(...messages.map(String));
  }
  return result;
}
