import type { Practice, PracticeVersion } from '../api/types';

/** The longest version that fits in `maxMinutes`; the shortest one when none fits. */
export function pickVersion(practice: Practice, maxMinutes: number): PracticeVersion | undefined {
  const sorted = [...practice.versions].sort((a, b) => a.lengthMinutes - b.lengthMinutes);
  const fitting = sorted.filter((v) => v.lengthMinutes <= maxMinutes);
  return fitting.at(-1) ?? sorted[0];
}

/** The practice the offer names, or — if the catalogue no longer has it — the first one with a fitting version. */
export function practiceForOffer(practices: Practice[], practiceId: string, lengthMinutes: number): Practice | undefined {
  return (
    practices.find((p) => p.id === practiceId) ??
    practices.find((p) => p.versions.some((v) => v.lengthMinutes <= lengthMinutes)) ??
    practices[0]
  );
}

export function oneMinutePractices(practices: Practice[]): Practice[] {
  return practices.filter((p) => p.versions.some((v) => v.lengthMinutes === 1));
}
