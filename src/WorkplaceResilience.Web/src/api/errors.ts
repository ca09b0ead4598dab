import type { ProblemDetails, ValidationProblemDetails } from './types';

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

export function defaultTitle(status: number): string {
  if (status === 0) return 'Could not reach the service';
  if (status === 401) return 'Your sign-in has expired';
  if (status === 403) return 'You do not have access to this';
  if (status === 404) return 'Not found';
  if (status === 409) return 'That has already changed';
  if (status === 429) return 'Too many requests — please try again shortly';
  if (status >= 500) return 'Something went wrong on our side';
  return `The request failed (${status})`;
}

/** Normalises anything thrown into a title/detail pair for display. */
export function describeError(error: unknown): { title: string; detail?: string } {
  if (error instanceof ApiError) return { title: error.title, detail: error.detail };
  if (error instanceof Error) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong' };
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
