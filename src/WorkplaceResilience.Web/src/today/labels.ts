import type { MessageKey } from '../i18n/lookup';
import type { OfferReason, OfferStatus, ShowAs } from '../api/types';

export const SHOW_AS_LABEL: Record<ShowAs, MessageKey> = {
  busy: 'showAs.busy',
  tentative: 'showAs.tentative',
  oof: 'showAs.oof',
  free: 'showAs.free',
  workingElsewhere: 'showAs.workingElsewhere',
  unknown: 'showAs.unknown',
};

export const REASON_LABEL: Record<OfferReason, MessageKey> = {
  afterBackToBack: 'reason.afterBackToBack',
  gap: 'reason.gap',
  arrival: 'reason.arrival',
};

export const STATUS_LABEL: Record<OfferStatus, MessageKey> = {
  planned: 'status.planned',
  delivered: 'status.delivered',
  started: 'status.started',
  completed: 'status.completed',
  skipped: 'status.skipped',
  expired: 'status.expired',
};

export function canStart(status: OfferStatus): boolean {
  return status === 'planned' || status === 'delivered' || status === 'started';
}
