import { describe, expect, it } from 'vitest';
import { linkedOfferId } from './deepLink';

const OFFER = '3f2b8c1e-9d4a-4e6b-8a7c-1b2d3e4f5a6b';

describe('linked offer', () => {
  it('comes from Teams’ subPageId (the deep link’s subEntityId)', () => {
    expect(linkedOfferId(OFFER, '')).toBe(OFFER);
    expect(linkedOfferId(OFFER.toUpperCase(), '')).toBe(OFFER);
  });

  it('comes from ?offer= when the page was opened outside Teams', () => {
    expect(linkedOfferId(null, `?offer=${OFFER}`)).toBe(OFFER);
    expect(linkedOfferId(undefined, `?inTeams=1&offer=${OFFER}`)).toBe(OFFER);
    expect(linkedOfferId('', `?offer=${OFFER}`)).toBe(OFFER);
  });

  it('prefers the host’s subPageId over the query', () => {
    const other = '00000000-1111-4222-8333-444444444444';
    expect(linkedOfferId(OFFER, `?offer=${other}`)).toBe(OFFER);
  });

  it('is none for a link to the tab itself ("today") or anything that is not an offer id', () => {
    expect(linkedOfferId('today', `?offer=${OFFER}`)).toBeNull();
    expect(linkedOfferId(null, '')).toBeNull();
    expect(linkedOfferId(null, '?offer=')).toBeNull();
    expect(linkedOfferId(null, '?offer=<script>')).toBeNull();
    expect(linkedOfferId(null, `?offer=${OFFER}x`)).toBeNull();
  });
});
