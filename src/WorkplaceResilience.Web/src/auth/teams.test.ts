import { describe, expect, it, vi } from 'vitest';
import { connectToTeams, hostKindOf } from './teams';

/** A stand-in for @microsoft/teams-js with the calls connectToTeams makes. */
function teamsJs(host: string, { subPageId, currentApp = true }: { subPageId?: string; currentApp?: boolean } = {}) {
  const navigateTo = vi.fn(async (_: { pageId: string }) => undefined);
  const module = {
    app: {
      initialize: vi.fn(async () => undefined),
      getContext: vi.fn(async () => ({ app: { theme: 'dark', host: { name: host } }, page: { id: 'today', subPageId } })),
      registerOnThemeChangeHandler: vi.fn(),
    },
    authentication: { getAuthToken: vi.fn(async () => 'sso-token') },
    pages: { currentApp: { isSupported: vi.fn(() => currentApp), navigateTo } },
  };
  return { module, navigateTo, load: async () => module as unknown as typeof import('@microsoft/teams-js') };
}

/** A window that looks framed by a host. */
const framed = { self: 1, top: 2 } as unknown as Window;

describe('the host connection', () => {
  it.each([
    ['Teams', 'teams'],
    ['TeamsModern', 'teams'],
    ['Outlook', 'outlook'],
    ['OutlookWin32', 'outlook'],
    ['Office', 'microsoft365'],
  ])('names %s as %s', (name, kind) => expect(hostKindOf(name)).toBe(kind));

  it('in Outlook: the same SSO, theme and deep-link context as in Teams', async () => {
    const fake = teamsJs('Outlook', { subPageId: 'abc' });
    const host = await connectToTeams(1000, framed, fake.load);
    expect(host).toMatchObject({ kind: 'outlook', theme: 'dark', subPageId: 'abc' });
    expect(await host!.getAuthToken()).toBe('sso-token');
    host!.onThemeChange(() => undefined);
    expect(fake.module.app.registerOnThemeChangeHandler).toHaveBeenCalled();
  });

  it('opens another tab through the host only when pages.currentApp is supported', async () => {
    const supported = teamsJs('Office');
    const host = await connectToTeams(1000, framed, supported.load);
    expect(await host!.openTab('week')).toBe(true);
    expect(supported.navigateTo).toHaveBeenCalledWith({ pageId: 'week' });

    const unsupported = teamsJs('OutlookWin32', { currentApp: false });
    const outlook = await connectToTeams(1000, framed, unsupported.load);
    expect(await outlook!.openTab('week')).toBe(false);
    expect(unsupported.navigateTo).not.toHaveBeenCalled();

    const refusing = teamsJs('Teams');
    refusing.navigateTo.mockRejectedValueOnce(new Error('not allowed'));
    expect(await (await connectToTeams(1000, framed, refusing.load))!.openTab('hr')).toBe(false);
  });

  it('is no host in an ordinary browser tab, or when the host does not answer in time', async () => {
    const fake = teamsJs('Teams');
    expect(await connectToTeams(1000, window, fake.load)).toBeNull();
    expect(fake.module.app.initialize).not.toHaveBeenCalled();
    fake.module.app.initialize.mockImplementationOnce(() => new Promise(() => undefined));
    expect(await connectToTeams(20, framed, fake.load)).toBeNull();
  });
});
