// Types for the WorkplaceResilience API (JSON, camelCase).
// The API never sends meeting titles, bodies, locations or attendees: only time blocks.

export type Role = 'employee' | 'hr' | 'admin';

export interface DemoPerson {
  id: string;
  displayName: string;
  department: string;
  role: Role;
}

export interface SignInResponse {
  accessToken: string;
  expiresAt: string;
  displayName: string;
  roles: Role[];
}

export interface SupportResource {
  title: string;
  url: string;
}

export interface Me {
  displayName: string;
  department: string;
  timeZone: string;
  timeZoneIana?: string | null;
  roles: Role[];
  /** Optional: tenant-configured employee-assistance / crisis links. Shown when present. */
  supportResources?: SupportResource[] | null;
}

export type ShowAs = 'busy' | 'tentative' | 'oof' | 'free' | 'workingElsewhere' | 'unknown';

export interface TimeBlock {
  start: string;
  end: string;
  showAs: ShowAs;
  isAllDay: boolean;
}

export type OfferReason = 'gap' | 'afterBackToBack' | 'arrival';
export type OfferStatus = 'planned' | 'delivered' | 'started' | 'completed' | 'skipped' | 'expired';

export interface Offer {
  id: string;
  start: string;
  lengthMinutes: number;
  reason: OfferReason;
  status: OfferStatus;
  practiceId: string;
  /** When Start works: the break's reminder goes out then. */
  opensAt: string;
  /** Whether Start works now (open, due, its moment not passed), as the service saw it. */
  startable: boolean;
}

export interface WorkingHours {
  start: string;
  end: string;
}

export interface Today {
  date: string;
  timeZone: string;
  timeZoneIana?: string | null;
  workingHours: WorkingHours | null;
  blocks: TimeBlock[];
  offers: Offer[];
  lastSyncedAt: string | null;
  /** False when the person turned breaks off in My settings. */
  breaksOn?: boolean;
  /** "yyyy-MM-dd": breaks resume on this day, while paused. */
  pausedUntil?: string | null;
}

export interface PracticeStep {
  seconds: number;
  text: string;
}

export interface PracticeVersion {
  lengthMinutes: number;
  steps: PracticeStep[];
}

export type PracticeFamily = 'Mental' | 'Behavioural';

export interface Practice {
  id: string;
  title: string;
  family: PracticeFamily;
  summary: string;
  source: string;
  feelWorseNote: string;
  versions: PracticeVersion[];
}

/** Each item 1–5. */
export interface CheckIn {
  selfKindness: number;
  selfCriticism: number;
  tension: number;
}

export interface CompleteRequest {
  before: CheckIn | null;
  after: CheckIn | null;
  feltWorse: boolean;
}

export interface PracticeSessionRequest extends CompleteRequest {
  practiceId: string;
  lengthMinutes: number;
}

// ----- my week (the person's own, never shared) -----

export interface WeekDay {
  /** Local date, "2026-11-23". */
  date: string;
  /** Every break offered that day, including those still to come. */
  offered: number;
  /** Offered breaks started or completed. */
  taken: number;
  skipped: number;
  /** Offered breaks whose moment passed unanswered. */
  missed: number;
  /** Practices run without an offer. */
  onTheirOwn: number;
}

export type WeekTotals = Omit<WeekDay, 'date'>;

/** Mean of after − before (each 1–5) where both answers exist; null when none. Lower self-criticism is better. */
export interface CheckInAverages {
  selfKindness: number | null;
  selfKindnessCount: number;
  selfCriticism: number | null;
  selfCriticismCount: number;
  tension: number | null;
  tensionCount: number;
}

export interface Week {
  from: string;
  to: string;
  timeZoneIana: string;
  days: WeekDay[];
  totals: WeekTotals;
  /** Practices recorded this week, from offers and on their own. */
  practices: number;
  checkIns: CheckInAverages;
  /** How many of them ended with "this made me feel worse". */
  feltWorse: number;
  roomToBreathe: RoomToBreathe;
}

/** Whether the person's last two weeks of meetings suggest Outlook's "end meetings early" setting. */
export interface RoomToBreathe {
  suggest: boolean;
  /** Working days looked at (since the service first read the calendar, at most two weeks). */
  daysObserved: number;
  /** Of those, days with long back-to-back runs. */
  backToBackDays: number;
  /** Outlook on the web's page holding "End appointments and meetings early". */
  outlookSettingsUrl: string;
}

export interface PracticeSummary {
  practiceId: string;
  family: PracticeFamily;
  offered: number;
  completed: number;
  skipped: number;
  checkIns: number;
  averageChange: number | null;
  feltWorse: number;
}

export interface FamilySummary {
  family: PracticeFamily;
  offered: number;
  completed: number;
  averageChange: number | null;
  feltWorse: number;
  meanReward: number;
}

/** "What tends to help me", as GET /api/me/history sends it. */
export interface HelpSummary {
  practices: PracticeSummary[];
  families: FamilySummary[];
  /** Practice ids, best first. */
  tendsToHelp: string[];
  betterFamily: PracticeFamily | null;
  totalOffers: number;
}

export interface History {
  summary: HelpSummary;
  showSupportResources: boolean;
}

/** A released number: a noisy value with its typical error, a band ("low": under the margin, "high": over 1 − margin), or hidden with a reason. */
export interface Figure {
  value: number | null;
  band: 'low' | 'high' | null;
  hidden: string | null;
  /** The noise's standard deviation on this value (absent on releases from before it was published). */
  plusMinus?: number | null;
}

export interface CellFigures {
  figures: Record<string, Figure>;
  breakdowns: Record<string, Record<string, Figure>>;
}

export interface ReportCell {
  weekStart: string;
  /** Why the whole cell is withheld, or null. */
  hidden: string | null;
  figures: CellFigures | null;
}

export interface ReportGroup {
  grouping: string;
  name: string;
  weeks: ReportCell[];
}

export interface ReportWeek {
  weekStart: string;
  label: string;
  released: boolean;
  withheld: string | null;
}

export interface Summary {
  grouping: string;
  groupings: string[];
  minimumGroupSize: number;
  bandMargin: number;
  noise: { epsilonPerValue: number; actionClip: number; peoplePlusMinus: number; offersPlusMinus: number; meetingHoursPlusMinus: number };
  weeks: ReportWeek[];
  groups: ReportGroup[];
}

// ----- admin -----

export interface SupportLink {
  title: string;
  url: string;
}

/** The organisation's settings, as GET/PUT /api/admin/settings carry them. */
export interface TenantSettings {
  /** Whether the service serves this organisation at all. */
  enabled: boolean;
  /** The kill switch; changed through POST /api/admin/kill-switch. */
  nudgesPaused: boolean;
  /** Smallest group HR may see (at least 5). */
  minimumGroupSize: number;
  /** 7–730. */
  retentionDays: number;
  /** "HH:mm": default working hours for people whose mailbox settings say none. */
  workStart: string;
  workEnd: string;
  /** 1–8 breaks a day. */
  dailyCap: number;
  /** "HH:mm", or null for no quiet hours. */
  quietStart: string | null;
  quietEnd: string | null;
  /** Up to 5. */
  supportLinks: SupportLink[];
  /** Entra group object ids. */
  groupsInScope: string[];
}

export interface KillSwitchState {
  paused: boolean;
}

/** Counts of people by directory/calendar sync state (never a person). */
export interface SyncState {
  people: number;
  active: number;
  syncedLastHour: number;
  stale: number;
  neverSynced: number;
}

export interface JobFailure {
  at: string | null;
  exceptionType: string | null;
}

export interface RecurringJobHealth {
  id: string;
  schedule: string;
  lastRun: string | null;
  lastRunState: string | null;
  nextRun: string | null;
  lastFailure: JobFailure | null;
  failed: number;
  retrying: number;
}

export interface QueueHealth {
  name: string;
  length: number;
  fetched: number | null;
}

export interface JobHealth {
  jobs: RecurringJobHealth[];
  queues: QueueHealth[];
  servers: number;
  processing: number;
}

/** RFC 7807 problem details. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  instance?: string;
  [extension: string]: unknown;
}

/** ASP.NET Core's ValidationProblemDetails: messages per field name. */
export interface ValidationProblemDetails extends ProblemDetails {
  errors?: Record<string, string[]>;
}

/** A person's own break settings, as GET/PUT /api/me/settings carry them. Times "HH:mm" local; dates "yyyy-MM-dd". */
export interface MySettings {
  breaksOn: boolean;
  /** A subset of 1, 3 and 5. */
  lengths: number[];
  dailyCap: number;
  minimumSpacingMinutes: number;
  quietStart: string | null;
  quietEnd: string | null;
  /** The person's own working day; null keeps their Outlook working hours. */
  workStart: string | null;
  workEnd: string | null;
  tentativeIsBusy: boolean;
  arrivalPractices: boolean;
  preferredFamily: 'mental' | 'behavioural' | null;
  /** Breaks resume on this local date; null for no pause. */
  pausedUntil: string | null;
  /** A private "Pause" event is put in the calendar when a break is sent (off by default). */
  calendarHold: boolean;
}

/** What the organisation fixes around a person's choices. */
export interface OrganisationLimits {
  maximumDailyCap: number;
  minimumSpacingMinutes: number;
  quietStart: string | null;
  quietEnd: string | null;
}

export interface MySettingsResponse {
  settings: MySettings;
  organisation: OrganisationLimits;
  /** Whether the person's check-in changes may enter HR's anonymous figures (off unless they say so). */
  shareCheckIns: boolean;
}
