import { ApiError, defaultTitle } from './errors';
import type {
  CompleteRequest,
  DemoPerson,
  History,
  JobHealth,
  KillSwitchState,
  Me,
  MySettings,
  MySettingsResponse,
  Offer,
  Practice,
  PracticeSessionRequest,
  ProblemDetails,
  SignInResponse,
  Summary,
  SyncState,
  TenantSettings,
  Today,
  Week,
} from './types';

export interface ApiClientOptions {
  /** Returns the bearer token to send, or null for anonymous calls. */
  getToken?: () => string | null | Promise<string | null>;
  /** The tab's language ("en", "de"), sent as Accept-Language so the service answers in it (the practice texts). */
  getLanguage?: () => string | null;
  /** Called once per 401 response, before the ApiError is thrown. */
  onUnauthorized?: () => void;
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** Typed client for the WorkplaceResilience API. Errors are thrown as {@link ApiError}. */
export class ApiClient {
  private readonly options: ApiClientOptions;

  constructor(options: ApiClientOptions = {}) {
    this.options = options;
  }

  // ----- demo sign-in (anonymous) -----
  /** Resolves to null when demo mode is off (404). */
  async demoPeople(): Promise<DemoPerson[] | null> {
    try {
      return await this.request<DemoPerson[]>('GET', '/api/demo/people', undefined, { anonymous: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  demoSignIn(userId: string): Promise<SignInResponse> {
    return this.request('POST', '/api/demo/sign-in', { userId }, { anonymous: true });
  }

  // ----- employee -----
  me(): Promise<Me> {
    return this.request('GET', '/api/me');
  }

  today(): Promise<Today> {
    return this.request('GET', '/api/me/today');
  }

  /** The last seven local days of the person's own breaks and practices. */
  week(): Promise<Week> {
    return this.request('GET', '/api/me/week');
  }

  /** "What tends to help me", from the person's whole history. */
  history(): Promise<History> {
    return this.request('GET', '/api/me/history');
  }

  practices(): Promise<Practice[]> {
    return this.request('GET', '/api/practices');
  }

  startOffer(id: string): Promise<Offer> {
    return this.request('POST', `/api/offers/${encodeURIComponent(id)}/start`);
  }

  skipOffer(id: string): Promise<Offer> {
    return this.request('POST', `/api/offers/${encodeURIComponent(id)}/skip`);
  }

  completeOffer(id: string, body: CompleteRequest): Promise<Offer> {
    return this.request('POST', `/api/offers/${encodeURIComponent(id)}/complete`, body);
  }

  recordPracticeSession(body: PracticeSessionRequest): Promise<unknown> {
    return this.request('POST', '/api/practice-sessions', body);
  }

  // ----- my settings -----
  mySettings(): Promise<MySettingsResponse> {
    return this.request('GET', '/api/me/settings');
  }

  /** Saves and re-plans the rest of today at once; a 400 carries messages per field. */
  saveMySettings(settings: MySettings): Promise<MySettingsResponse> {
    return this.request('PUT', '/api/me/settings', settings);
  }

  /** Whether the person's check-in changes may enter HR's anonymous figures. */
  setReportSharing(shareCheckIns: boolean): Promise<void> {
    return this.request('PUT', '/api/me/report-sharing', { shareCheckIns });
  }

  /** What was released to HR about the groups the person belongs to. */
  myReports(): Promise<Summary> {
    return this.request('GET', '/api/me/reports');
  }

  // ----- my data -----
  /** Everything the service stores about the signed-in person, as the JSON file the service offers for download. */
  async exportMyData(): Promise<Blob> {
    const response = await this.send('GET', '/api/me/data');
    return response.blob();
  }

  /** Deletes everything the service stores about the signed-in person, at once. */
  deleteMyData(): Promise<void> {
    return this.request('DELETE', '/api/me/data', { confirm: 'delete' });
  }

  // ----- admin -----
  /** A link, valid for a minute, that opens the background-jobs dashboard in a browser tab. */
  dashboardLink(): Promise<{ url: string; expiresAt: string }> {
    return this.request('POST', '/api/admin/dashboard-link');
  }

  adminSettings(): Promise<TenantSettings> {
    return this.request('GET', '/api/admin/settings');
  }

  /** Stores the settings; a 400 carries a ValidationProblemDetails with messages per field. */
  saveAdminSettings(settings: TenantSettings): Promise<TenantSettings> {
    return this.request('PUT', '/api/admin/settings', settings);
  }

  /** Pauses (or resumes) every break nudge of the organisation. */
  setKillSwitch(paused: boolean): Promise<KillSwitchState> {
    return this.request('POST', '/api/admin/kill-switch', { paused });
  }

  syncState(): Promise<SyncState> {
    return this.request('GET', '/api/admin/sync');
  }

  jobHealth(): Promise<JobHealth> {
    return this.request('GET', '/api/admin/jobs');
  }

  /** Deletes every row of the organisation. `confirm` must be its tenant id; the service checks it. */
  deleteTenant(confirm: string): Promise<void> {
    return this.request('DELETE', '/api/admin/tenant', { confirm });
  }

  // ----- HR -----
  /** The newest released weeks (12 by default) for every group of one grouping. */
  summary(grouping = 'department', weeks = 12): Promise<Summary> {
    return this.request('GET', `/api/reports/summary?grouping=${encodeURIComponent(grouping)}&weeks=${weeks}`);
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    options: { anonymous?: boolean } = {},
  ): Promise<T> {
    const response = await this.send(method, path, body, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Sends the request with the bearer token; a non-2xx answer is thrown as an {@link ApiError}. */
  private async send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    { anonymous = false }: { anonymous?: boolean } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const language = this.options.getLanguage?.();
    if (language) headers['Accept-Language'] = language;
    if (!anonymous && this.options.getToken) {
      const token = await this.options.getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(`${this.options.baseUrl ?? ''}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, {
        title: defaultTitle(0),
        detail: 'Check your connection and try again.',
        cause: cause instanceof Error ? cause.message : String(cause),
      });
    }

    if (!response.ok) {
      const problem = await readProblem(response);
      if (response.status === 401 && !anonymous) this.options.onUnauthorized?.();
      throw new ApiError(response.status, problem);
    }
    return response;
  }
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  let problem: ProblemDetails = {};
  try {
    const text = await response.text();
    if (text) {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') problem = parsed as ProblemDetails;
    }
  } catch {
    // Not JSON (a proxy page, an empty body): fall back to a title from the status code below.
  }
  return {
    ...problem,
    status: typeof problem.status === 'number' ? problem.status : response.status,
    title: typeof problem.title === 'string' && problem.title ? problem.title : defaultTitle(response.status),
  };
}
