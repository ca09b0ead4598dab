import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDuration, formatTime } from './time';

describe('time formatting', () => {
  it('uses the wall clock of the ISO offset when no IANA zone is given', () => {
    expect(formatTime('2026-11-23T09:05:00-08:00')).toBe('09:05');
    expect(formatTime('2026-11-23T23:30:00+05:30', null)).toBe('23:30');
  });

  it('converts with Intl when the API gives an IANA zone', () => {
    expect(formatTime('2026-11-23T17:00:00Z', 'America/Los_Angeles')).toBe('09:00');
    expect(formatTime('2026-11-23T09:00:00-08:00', 'Europe/Berlin')).toBe('18:00');
  });

  it('falls back to the offset when the zone name is unknown', () => {
    expect(formatTime('2026-11-23T09:00:00-08:00', 'Not/AZone')).toBe('09:00');
  });

  it('formats durations and countdowns', () => {
    expect(formatDuration('2026-11-23T09:00:00-08:00', '2026-11-23T10:30:00-08:00')).toBe('1 h 30 min');
    expect(formatDuration('2026-11-23T09:00:00-08:00', '2026-11-23T09:45:00-08:00')).toBe('45 min');
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(14_001)).toBe('0:15');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
