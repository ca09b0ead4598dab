import type { OfferReason, OfferStatus, ShowAs } from '../api/types';

export const SHOW_AS_LABEL: Record<ShowAs, string> = {
  busy: 'Busy',
  tentative: 'Tentative',
  oof: 'Out of office',
  free: 'Free',
  workingElsewhere: 'Working elsewhere',
  unknown: 'Unknown',
};

export const REASON_LABEL: Record<OfferReason, string> = {
  afterBackToBack: 'After 2 h of back-to-back meetings',
  gap: 'Between meetings',
  arrival: 'At the start of your day',
};

export const STATUS_LABEL: Record<OfferStatus, string> = {
  planned: 'Coming up',
  delivered: 'Ready',
  started: 'Started',
  completed: 'Done',
  skipped: 'Skipped',
  expired: 'Missed',
};

export function canStart(status: OfferStatus): boolean {
  return status === 'planned' || status === 'delivered' || status === 'started';
}
