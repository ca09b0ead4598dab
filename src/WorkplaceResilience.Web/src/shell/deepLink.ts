// Which offer a notification's link points at. The delivery job's Teams deep link carries the offer id as the
// context's subEntityId, which teams-js hands the tab as context.page.subPageId; a link opened outside Teams carries
// it as ?offer=<id>. The format is documented in the README ("Deep links").

const OFFER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The linked offer id, or null. Teams' subPageId wins; anything that is not an offer id (e.g. "today") means none. */
export function linkedOfferId(subPageId: string | null | undefined, search: string): string | null {
  const fromHost = subPageId?.trim();
  if (fromHost) return OFFER_ID.test(fromHost) ? fromHost.toLowerCase() : null;
  const fromQuery = new URLSearchParams(search).get('offer')?.trim();
  return fromQuery && OFFER_ID.test(fromQuery) ? fromQuery.toLowerCase() : null;
}
