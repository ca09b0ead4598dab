// The few parts of Office.js (Outlook, Mailbox 1.3) the add-in command uses, typed here rather than pulling in the
// whole @types/office-js. Names and shapes follow Microsoft's Office.js reference: Office.Time (getAsync/setAsync on
// an appointment's start and end in compose mode), Office.AsyncResult, Office.NotificationMessages and
// Office.AddinCommands.Event. src/test/fakeOffice.ts implements the same surface for the tests.

export type AsyncResultStatus = 'succeeded' | 'failed';

export interface OfficeError {
  name: string;
  message: string;
  code: number;
}

export interface AsyncResult<T> {
  status: AsyncResultStatus;
  value: T;
  error: OfficeError | undefined;
  asyncContext: unknown;
}

export interface AsyncContextOptions {
  asyncContext?: unknown;
}

export type Callback<T> = (result: AsyncResult<T>) => void;

/** Office.Time: an appointment's start or end while it is being composed (times in UTC). */
export interface Time {
  getAsync(options: AsyncContextOptions, callback: Callback<Date>): void;
  getAsync(callback: Callback<Date>): void;
  /** On start, Outlook moves the end too (the duration stays); on end, the duration changes. */
  setAsync(dateTime: Date, options: AsyncContextOptions, callback?: Callback<void>): void;
  setAsync(dateTime: Date, callback?: Callback<void>): void;
}

export interface NotificationMessageDetails {
  type: string;
  message: string;
  icon?: string;
  persistent?: boolean;
}

export interface NotificationMessages {
  replaceAsync(key: string, details: NotificationMessageDetails, options: AsyncContextOptions, callback?: Callback<void>): void;
  replaceAsync(key: string, details: NotificationMessageDetails, callback?: Callback<void>): void;
}

export interface AppointmentCompose {
  start: Time;
  end: Time;
  notificationMessages: NotificationMessages;
}

/** Office.AddinCommands.Event: must be completed once the command is done, or Outlook shows it as still running. */
export interface CommandEvent {
  source?: { id: string };
  completed(options?: { allowEvent?: boolean }): void;
}

export interface OfficeApi {
  AsyncResultStatus: { Succeeded: AsyncResultStatus; Failed: AsyncResultStatus };
  MailboxEnums: { ItemNotificationMessageType: { InformationalMessage: string; ErrorMessage: string } };
  /** displayLanguage: Outlook's UI language (e.g. "de-DE"); the command's messages follow it. */
  context: { mailbox: { item: AppointmentCompose | null | undefined }; displayLanguage?: string };
  actions: { associate(actionId: string, handler: (event: CommandEvent) => void): void };
  onReady(callback?: (info: { host: string | null; platform: string | null }) => void): Promise<{ host: string | null; platform: string | null }>;
}

/** An Office call that reported failure, with the field it was about. */
export class OfficeCallError extends Error {
  constructor(
    readonly field: string,
    readonly officeError: OfficeError | undefined,
  ) {
    super(officeError?.message ?? '');

    this.name = 'OfficeCallError';
  }
}

/** Runs one callback-style Office call as a promise; the field name travels as the call's asyncContext. */
export function call<T>(office: OfficeApi, field: string, start: (options: AsyncContextOptions, callback: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    start({ asyncContext: { field } }, (result) => {
      const context = result.asyncContext as { field?: string } | undefined;
      if (result.status === office.AsyncResultStatus.Failed) reject(new OfficeCallError(context?.field ?? field, result.error));
      else resolve(result.value);
    });
  });
}
