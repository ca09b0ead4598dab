import type { Role } from '../api/types';

export type SessionMode = 'demo' | 'teams';

export interface Session {
  mode: SessionMode;
  accessToken: string;
  expiresAt?: string;
  displayName: string;
  roles: Role[];
}

export const SESSION_KEY = 'workplaceResilience.session';

/** Demo sessions live in sessionStorage (per tab, gone when the tab closes). Teams tokens are never stored. */
export function loadStoredSession(storage: Storage = window.sessionStorage): Session | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.accessToken) return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      storage.removeItem(SESSION_KEY);
      return null;
    }
    return session;
  } catch {
    storage.removeItem(SESSION_KEY);
    return null;
  }
}

export function storeSession(session: Session, storage: Storage = window.sessionStorage): void {
  if (session.mode === 'demo') storage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearStoredSession(storage: Storage = window.sessionStorage): void {
  storage.removeItem(SESSION_KEY);
}

export function isHr(session: Pick<Session, 'roles'> | null | undefined): boolean {
  return !!session?.roles.includes('hr');
}

export function isAdmin(session: Pick<Session, 'roles'> | null | undefined): boolean {
  return !!session?.roles.includes('admin');
}

export function homePathFor(roles: readonly Role[]): string {
  return roles.includes('hr') ? '/hr' : '/';
}
