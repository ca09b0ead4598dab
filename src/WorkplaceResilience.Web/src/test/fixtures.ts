import type { CellFigures, DemoPerson, Figure, History, JobHealth, Practice, Summary, SyncState, TenantSettings, Today, Week } from '../api/types';

export const practices: Practice[] = [
  {
    id: 'kindness-for-self',
    title: 'Kindness toward yourself',
    family: 'Mental',
    summary: 'Offer yourself a few warm, quiet wishes.',
    source: 'Kirschner et al. 2019',
    feelWorseNote: 'If warm words feel hard right now, that is common and it is fine to stop.',
    versions: [
      {
        lengthMinutes: 1,
        steps: [
          { seconds: 15, text: 'Let your shoulders drop and take one slow breath.' },
          { seconds: 30, text: 'Say quietly to yourself: may I be kind to myself in this moment.' },
          { seconds: 15, text: 'Notice how that lands.' },
        ],
      },
      {
        lengthMinutes: 3,
        steps: [
          { seconds: 30, text: 'Sit comfortably. Let your breath find its own pace.' },
          { seconds: 45, text: 'Bring to mind that you, like everyone, want to feel safe.' },
          { seconds: 60, text: 'Repeat slowly: may I be safe, may I be at ease.' },
          { seconds: 45, text: 'Rest with whatever is here.' },
        ],
      },
      { lengthMinutes: 5, steps: [{ seconds: 300, text: 'A long version.' }] },
    ],
  },
  {
    id: 'stretch-and-move',
    title: 'Stretch and move',
    family: 'Behavioural',
    summary: 'Stand up and move a little.',
    source: 'Albulescu et al. 2022',
    feelWorseNote: 'Go gently.',
    versions: [{ lengthMinutes: 1, steps: [{ seconds: 60, text: 'Stand up and stretch your arms.' }] }],
  },
];

export const today: Today = {
  date: '2026-11-23',
  timeZone: 'Pacific Standard Time',
  timeZoneIana: 'America/Los_Angeles',
  workingHours: { start: '09:00', end: '17:30' },
  blocks: [
    { start: '2026-11-23T00:00:00-08:00', end: '2026-11-24T00:00:00-08:00', showAs: 'free', isAllDay: true },
    { start: '2026-11-23T09:00:00-08:00', end: '2026-11-23T10:30:00-08:00', showAs: 'busy', isAllDay: false },
    { start: '2026-11-23T10:30:00-08:00', end: '2026-11-23T11:00:00-08:00', showAs: 'busy', isAllDay: false },
    { start: '2026-11-23T11:05:00-08:00', end: '2026-11-23T12:00:00-08:00', showAs: 'tentative', isAllDay: false },
    { start: '2026-11-23T14:00:00-08:00', end: '2026-11-23T15:00:00-08:00', showAs: 'oof', isAllDay: false },
    { start: '2026-11-23T15:00:00-08:00', end: '2026-11-23T15:30:00-08:00', showAs: 'free', isAllDay: false },
  ],
  offers: [
    {
      id: 'offer-1',
      start: '2026-11-23T11:00:00-08:00',
      lengthMinutes: 3,
      reason: 'afterBackToBack',
      status: 'delivered',
      practiceId: 'kindness-for-self',
      opensAt: '2026-11-23T10:58:00-08:00',
      startable: true,
    },
    {
      id: 'offer-2',
      start: '2026-11-23T12:30:00-08:00',
      lengthMinutes: 5,
      reason: 'gap',
      status: 'planned',
      practiceId: 'kindness-for-self',
      opensAt: '2026-11-23T12:28:00-08:00',
      startable: false,
    },
    {
      id: 'offer-3',
      start: '2026-11-23T08:45:00-08:00',
      lengthMinutes: 1,
      reason: 'arrival',
      status: 'expired',
      practiceId: 'stretch-and-move',
      opensAt: '2026-11-23T08:43:00-08:00',
      startable: false,
    },
  ],
  lastSyncedAt: '2026-11-23T08:55:00-08:00',
};

export const people: DemoPerson[] = [
  { id: '11111111-1111-1111-1111-111111111111', displayName: 'Ada Lovelace', department: 'Engineering', role: 'employee' },
  { id: '22222222-2222-2222-2222-222222222222', displayName: 'Grace Hopper', department: 'People', role: 'hr' },
  { id: '33333333-3333-3333-3333-333333333333', displayName: 'Alan Turing', department: 'IT', role: 'admin' },
];

function released(values: Record<string, number | null>, extra: Record<string, Partial<Figure>> = {}): CellFigures {
  const figures: Record<string, Figure> = {};
  for (const [key, value] of Object.entries(values))
    figures[key] = { value, band: null, hidden: null, plusMinus: value === null ? null : (PLUS_MINUS[key] ?? null), ...extra[key] };
  for (const [key, figure] of Object.entries(extra)) figures[key] = { value: null, band: null, hidden: null, ...figure };
  const breakdowns: Record<string, Record<string, Figure>> = {
    skipReasons: { busy: { value: 12, band: null, hidden: null }, notGiven: { value: null, band: null, hidden: 'complementary' } },
  };
  return { figures, breakdowns };
}

/** Typical errors as the gate publishes them (offers at a clip of 15, ε 0.5). */
const PLUS_MINUS: Record<string, number> = { people: 2.8, optedInShare: 0.07, delivered: 42.4, completedRate: 0.35, meetingHoursPerPerson: 2.7 };

const engineering = {
  people: 42, optedInShare: 0.8, engagedShare: 0.55, delivered: 120, started: 60, completed: 50, skipped: 30, startedRate: 0.5, completedRate: 0.42,
  skippedRate: 0.25, feltWorseRate: null, checkInChange: 0.8, meetingHoursPerPerson: 14.5, backToBackMinutesPerDay: 95, heavyDayShare: 0.3,
};

export const summary: Summary = {
  grouping: 'department',
  groupings: ['department', 'office', 'country', 'org-level-2'],
  minimumGroupSize: 10,
  bandMargin: 0.1,
  noise: { epsilonPerValue: 0.5, actionClip: 15, peoplePlusMinus: 2.8, offersPlusMinus: 42, meetingHoursPlusMinus: 113 },
  weeks: [
    { weekStart: '2026-11-09', label: '2026-W46', released: true, withheld: null },
    { weekStart: '2026-11-16', label: '2026-W47', released: true, withheld: null },
  ],
  groups: [
    {
      grouping: 'department',
      name: 'Engineering',
      weeks: [
        { weekStart: '2026-11-09', hidden: null, figures: released({ ...engineering, completedRate: 0.38 }, { feltWorseRate: { band: 'low' } }) },
        { weekStart: '2026-11-16', hidden: null, figures: released(engineering, { feltWorseRate: { band: 'low' } }) },
      ],
    },
    {
      grouping: 'department',
      name: 'Legal',
      weeks: [
        { weekStart: '2026-11-09', hidden: 'small-group', figures: null },
        { weekStart: '2026-11-16', hidden: 'small-group', figures: null },
      ],
    },
    {
      grouping: 'department',
      name: 'Sales',
      weeks: [
        { weekStart: '2026-11-09', hidden: 'complementary', figures: null },
        {
          weekStart: '2026-11-16',
          hidden: null,
          figures: released({ ...engineering, people: 18, meetingHoursPerPerson: 21.2 }, {
            skipped: { hidden: 'few-people' },
            startedRate: { band: 'high' },
            started: { hidden: 'reveals-band' },
            delivered: { hidden: 'reveals-band' },
          }),
        },
      ],
    },
  ],
};

export const tenantSettings: TenantSettings = {
  enabled: true,
  nudgesPaused: false,
  minimumGroupSize: 10,
  retentionDays: 90,
  workStart: '09:00',
  workEnd: '17:30',
  dailyCap: 4,
  quietStart: '12:00',
  quietEnd: '13:00',
  supportLinks: [{ title: 'Employee assistance', url: 'https://eap.example.com' }],
  groupsInScope: ['0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b'],
};

export const syncState: SyncState = { people: 300, active: 280, syncedLastHour: 270, stale: 8, neverSynced: 2 };

export const jobHealth: JobHealth = {
  jobs: [
    {
      id: 'calendar-sync',
      schedule: '*/5 * * * *',
      lastRun: '2026-11-23T11:55:00Z',
      lastRunState: 'Failed',
      nextRun: '2026-11-23T12:00:00Z',
      lastFailure: {
        at: '2026-11-23T11:55:02Z',
        exceptionType: 'Microsoft.Graph.Models.ODataErrors.ODataError',
      },
      failed: 3,
      retrying: 1,
    },
    {
      id: 'offer-delivery',
      schedule: '* * * * *',
      lastRun: '2026-11-23T11:59:00Z',
      lastRunState: 'Succeeded',
      nextRun: '2026-11-23T12:00:00Z',
      lastFailure: null,
      failed: 0,
      retrying: 0,
    },
    {
      id: 'retention',
      schedule: '0 0 0 * * *',
      lastRun: '2026-11-23T00:00:00Z',
      lastRunState: 'Succeeded',
      nextRun: '2026-11-24T00:00:00Z',
      lastFailure: null,
      failed: 0,
      retrying: 0,
    },
  ],
  queues: [{ name: 'default', length: 0, fetched: 0 }],
  servers: 1,
  processing: 0,
};

export const week: Week = {
  from: '2026-11-17',
  to: '2026-11-23',
  timeZoneIana: 'America/Los_Angeles',
  days: [
    { date: '2026-11-17', offered: 3, taken: 2, skipped: 1, missed: 0, onTheirOwn: 0 },
    { date: '2026-11-18', offered: 2, taken: 0, skipped: 0, missed: 2, onTheirOwn: 1 },
    { date: '2026-11-19', offered: 0, taken: 0, skipped: 0, missed: 0, onTheirOwn: 0 },
    { date: '2026-11-20', offered: 4, taken: 3, skipped: 0, missed: 1, onTheirOwn: 0 },
    { date: '2026-11-21', offered: 0, taken: 0, skipped: 0, missed: 0, onTheirOwn: 2 },
    { date: '2026-11-22', offered: 0, taken: 0, skipped: 0, missed: 0, onTheirOwn: 0 },
    { date: '2026-11-23', offered: 3, taken: 1, skipped: 1, missed: 0, onTheirOwn: 0 },
  ],
  totals: { offered: 12, taken: 6, skipped: 2, missed: 3, onTheirOwn: 3 },
  practices: 9,
  checkIns: {
    selfKindness: 0.8,
    selfKindnessCount: 5,
    selfCriticism: -1.25,
    selfCriticismCount: 4,
    tension: 0,
    tensionCount: 4,
  },
  feltWorse: 1,
  roomToBreathe: {
    suggest: true,
    daysObserved: 9,
    backToBackDays: 7,
    outlookSettingsUrl: 'https://outlook.office.com/mail/options/calendar/eventAndInvitations',
  },
};

export const history: History = {
  summary: {
    practices: [
      { practiceId: 'kindness-for-self', family: 'Mental', offered: 4, completed: 3, skipped: 1, checkIns: 3, averageChange: 0.83, feltWorse: 0 },
      { practiceId: 'stretch-and-move', family: 'Behavioural', offered: 3, completed: 1, skipped: 2, checkIns: 0, averageChange: null, feltWorse: 1 },
    ],
    families: [
      { family: 'Mental', offered: 4, completed: 3, averageChange: 0.83, feltWorse: 0, meanReward: 0.7 },
      { family: 'Behavioural', offered: 3, completed: 1, averageChange: null, feltWorse: 1, meanReward: 0.2 },
    ],
    tendsToHelp: ['kindness-for-self'],
    betterFamily: 'Mental',
    totalOffers: 7,
  },
  showSupportResources: false,
};
