import { ApiError, apiGet, handleUnauthorized, setBearer } from '../api/http';
import { createStore } from '../ui/store';

export type Role = 'admin' | 'monitor' | 'operator' | 'utility' | 'auditor';

/** `GET /api/v1/me`: who the token is (the role decides what the console shows). */
export interface Me {
  role: Role;
  ownerUnitId: string | null;
  actor: string;
}

/** Signed out, or signed in with a checked token. */
export type Session = { state: 'signed-out' } | { state: 'signed-in'; token: string; me: Me };

const TOKEN_KEY = 'lifeline.token';

export const sessionStore = createStore<Session>({ state: 'signed-out' });

/** Checks `token` against /me and keeps it in sessionStorage (gone when the tab closes). Throws ApiError. */
export async function signIn(token: string): Promise<Me> {
  setBearer(token);
  try {
    const me = await apiGet<Me>('/me');
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStore.set({ state: 'signed-in', token, me });
    return me;
  } catch (error) {
    setBearer(null);
    throw error;
  }
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  setBearer(null);
  sessionStore.set({ state: 'signed-out' });
}

/** Restores the tab's session after a reload; a revoked token signs out. */
export async function restoreSession(): Promise<void> {
  handleUnauthorized(signOut);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return;
  try {
    await signIn(token);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signOut();
    else throw error;
  }
}
