// A faithful fake of the Office.js surface the add-in uses (Outlook, appointment organiser, compose mode), following
// Microsoft's Office.js reference:
// - Office.Time.getAsync/setAsync take optional options ({ asyncContext }) and a callback that gets an AsyncResult
//   ({ status, value, error, asyncContext }) later, never synchronously; values are Date objects in UTC.
// - setAsync on start moves the end too, keeping the duration; setAsync on end changes the duration and fails with
//   InvalidEndTime when the end would be before the start. A value that is not a Date throws at once.
// - notificationMessages.replaceAsync: a message over 150 characters throws ArgumentOutOfRange; an informational
//   message needs an icon; an error message must have neither icon nor persistent (ArgumentException).
// - AddinCommands.Event.completed() tells Outlook the command is done.
import type { AsyncContextOptions, AsyncResult, Callback, CommandEvent, NotificationMessageDetails, OfficeApi, OfficeError, Time } from '../addin/officeApi';

export const INVALID_END_TIME: OfficeError = {
  name: 'InvalidEndTime',
  code: 9999, // the reference names the error, not its number; the add-in never relies on the code
  message: 'The appointment end time is before the appointment start time.',
};

type Method = 'start.getAsync' | 'start.setAsync' | 'end.getAsync' | 'end.setAsync' | 'notificationMessages.replaceAsync';

function split<T>(a: AsyncContextOptions | Callback<T> | undefined, b: Callback<T> | undefined) {
  return typeof a === 'function' ? { options: {} as AsyncContextOptions, callback: a } : { options: a ?? {}, callback: b };
}

export function fakeOffice(meeting: { start: Date; end: Date }) {
  let start = new Date(meeting.start);
  let end = new Date(meeting.end);
  const failures = new Map<Method, OfficeError>();
  const calls: Method[] = [];
  const notifications = new Map<string, NotificationMessageDetails>();
  const associated = new Map<string, (event: CommandEvent) => void>();

  const reply = <T>(method: Method, callback: Callback<T> | undefined, options: AsyncContextOptions, work: () => { value: T; error?: OfficeError }) => {
    calls.push(method);
    const injected = failures.get(method);
    failures.delete(method);
    const outcome: { value: T; error?: OfficeError } = injected ? { value: undefined as T, error: injected } : work();
    const result: AsyncResult<T> = {
      status: outcome.error ? 'failed' : 'succeeded',
      value: outcome.value,
      error: outcome.error,
      asyncContext: options.asyncContext,
    };
    setTimeout(() => callback?.(result), 0);
  };

  const time = (which: 'start' | 'end'): Time => ({
    getAsync(a: AsyncContextOptions | Callback<Date>, b?: Callback<Date>) {
      const { options, callback } = split(a, b);
      reply(`${which}.getAsync`, callback, options, () => ({ value: new Date(which === 'start' ? start : end) }));
    },
    setAsync(dateTime: Date, a?: AsyncContextOptions | Callback<void>, b?: Callback<void>) {
      if (!(dateTime instanceof Date) || Number.isNaN(dateTime.getTime())) throw new TypeError('Sys.ArgumentTypeException: dateTime must be a Date');
      const { options, callback } = split(a, b);
      reply(`${which}.setAsync`, callback, options, () => {
        if (which === 'start') {
          const duration = end.getTime() - start.getTime();
          start = new Date(dateTime);
          end = new Date(dateTime.getTime() + duration);
          return { value: undefined };
        }
        if (dateTime.getTime() < start.getTime()) return { value: undefined, error: INVALID_END_TIME };
        end = new Date(dateTime);
        return { value: undefined };
      });
    },
  });

  const office: OfficeApi = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: { ItemNotificationMessageType: { InformationalMessage: 'informationalMessage', ErrorMessage: 'errorMessage' } },
    context: {
      mailbox: {
        item: {
          start: time('start'),
          end: time('end'),
          notificationMessages: {
            replaceAsync(key: string, details: NotificationMessageDetails, a?: AsyncContextOptions | Callback<void>, b?: Callback<void>) {
              if (key.length > 32) throw new RangeError('ArgumentOutOfRange: key');
              if (details.message.length > 150) throw new RangeError('ArgumentOutOfRange: message is longer than 150 characters');
              if (details.type === 'informationalMessage' && !details.icon) throw new Error('ArgumentException: an informational message needs an icon');
              if (details.type === 'errorMessage' && (details.icon !== undefined || details.persistent !== undefined))
                throw new Error('ArgumentException: icon and persistent are not valid for an error message');
              const { options, callback } = split(a, b);
              reply('notificationMessages.replaceAsync', callback, options, () => {
                notifications.set(key, { ...details });
                return { value: undefined };
              });
            },
          },
        },
      },
    },
    actions: { associate: (id, handler) => void associated.set(id, handler) },
    onReady: (callback) => {
      const info = { host: 'Outlook', platform: 'OfficeOnline' };
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
  };

  /** An AddinCommands.Event whose completion the test can await. */
  const event = (id: string) => {
    let completions = 0;
    let done!: () => void;
    const completed = new Promise<void>((resolve) => (done = resolve));
    const e: CommandEvent & { completions: () => number; whenCompleted: Promise<void> } = {
      source: { id },
      completed: () => {
        completions++;
        done();
      },
      completions: () => completions,
      whenCompleted: completed,
    };
    return e;
  };

  return {
    office,
    calls,
    notifications,
    associated,
    event,
    get start() {
      return start;
    },
    get end() {
      return end;
    },
    /** The next call of that method reports this error in its AsyncResult. */
    failNext: (method: Method, error: OfficeError) => void failures.set(method, error),
  };
}
