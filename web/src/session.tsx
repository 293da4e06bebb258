import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError, problemCode, setCsrfToken, setUnauthorizedHandler } from './api/problem';
import { sessionCalls } from './features/account/queries';
import { logOut as logOutEverywhere } from './features/sso/queries';
import { changeLanguage, hasStoredLanguage } from './i18n';
import { isPendingSignIn, type PendingSignIn, type SecondFactorMethod, type SessionInfo, type SessionUser } from './features/account/queries';

/** `pending`: the password was right and the sign-in waits for a second factor or for its enrolment. */
export type SessionStatus = 'loading' | 'anonymous' | 'pending' | 'authenticated' | 'error';
export type EndReason = 'expired' | 'passwordChanged' | 'tenantOffboarded';

export type PendingStage = { stage: 'second_factor'; methods: SecondFactorMethod[] } | { stage: 'enrolment' };

interface SessionContextValue {
  status: SessionStatus;
  user: SessionUser | null;
  /** Why the person is signed out: they signed out, the session expired, the password changed, or the municipality was offboarded. */
  endReason: EndReason | null;
  /** What a pending sign-in waits for. */
  pending: PendingStage | null;
  logIn(email: string, password: string): Promise<PendingStage | null>;
  logOut(): Promise<void>;
  /** Replaces the session after a change made by the server (e.g. language). */
  apply(info: SessionInfo): void;
  /** A pending sign-in became a full session (second factor given, or enrolled). */
  complete(info: SessionInfo): Promise<void>;
  /** Forgets the session locally (the server has ended it already). */
  end(reason: EndReason): void;
  retry(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The session check asked for before React first rendered (startSessionCheck), not yet taken. */
let earlyCheck: ReturnType<typeof sessionCalls.get> | null = null;

/**
 * Asks who is signed in as the page's scripts start, instead of after the first render (the
 * provider's effect): on a cold visit that render comes hundreds of milliseconds later. The
 * provider's first check takes this answer; later checks (retry) ask again.
 */
export function startSessionCheck(): void {
  earlyCheck = sessionCalls.get();
  // Read by the provider; a failure here is its failure, not an unhandled one.
  earlyCheck.catch(() => undefined);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [endReason, setEndReason] = useState<EndReason | null>(null);
  const [pending, setPending] = useState<PendingStage | null>(null);
  const [attempt, setAttempt] = useState(0);
  // What one person loaded is never shown to the next one signing in on this browser.
  const queryClient = useQueryClient();

  const apply = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setUser({ ...info.user, permissions: info.permissions, readOnly: info.readOnly });
    setPending(null);
    setStatus('authenticated');
    setEndReason(null);
  }, []);

  const applyPending = useCallback((info: PendingSignIn): PendingStage => {
    const stage: PendingStage = info.enrolmentRequired ? { stage: 'enrolment' } : { stage: 'second_factor', methods: info.methods ?? [] };
    setCsrfToken(info.csrfToken ?? null);
    setUser(null);
    setPending(stage);
    setStatus('pending');
    return stage;
  }, []);

  const end = useCallback((reason: EndReason) => {
    queryClient.clear();
    setCsrfToken(null);
    setUser(null);
    setPending(null);
    setStatus('anonymous');
    setEndReason(reason);
  }, [queryClient]);

  useEffect(() => {
    const controller = new AbortController();
    setStatus('loading');
    const check = earlyCheck ?? sessionCalls.get(controller.signal);
    earlyCheck = null;
    check
      .then((info) => {
        if (controller.signal.aborted) return;
        if (isPendingSignIn(info)) applyPending(info);
        else apply(info);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (isApiError(error) && error.status === 401) {
          setStatus('anonymous');
          if (problemCode(error) === 'tenant_offboarded') setEndReason('tenantOffboarded');
        } else {
          setStatus('error');
        }
      });
    return () => controller.abort();
  }, [apply, applyPending, attempt]);

  // A 401 before the session check has answered ends nothing: no session had been seen to expire,
  // and the check decides whether anyone is signed in.
  const checking = useRef(true);
  checking.current = status === 'loading';
  useEffect(() => {
    setUnauthorizedHandler((error) => {
      if (!checking.current) end(problemCode(error) === 'tenant_offboarded' ? 'tenantOffboarded' : 'expired');
    });
    return () => setUnauthorizedHandler(null);
  }, [end]);

  const logIn = useCallback(
    async (email: string, password: string) => {
      const info = await sessionCalls.logIn(email, password);
      if (isPendingSignIn(info)) return applyPending(info);
      if (!hasStoredLanguage()) await changeLanguage(info.user.locale, false);
      apply(info);
      return null;
    },
    [apply, applyPending],
  );

  const logOut = useCallback(async () => {
    try {
      // A session that came from an identity provider is ended there too (RP-initiated logout).
      const { endSessionUrl } = await logOutEverywhere();
      if (endSessionUrl) {
        setCsrfToken(null);
        window.location.assign(endSessionUrl);
        return;
      }
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error;
    }
    queryClient.clear();
    setCsrfToken(null);
    setUser(null);
    setPending(null);
    setStatus('anonymous');
    setEndReason(null);
  }, [queryClient]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const complete = useCallback(
    async (info: SessionInfo) => {
      if (!hasStoredLanguage()) await changeLanguage(info.user.locale, false);
      apply(info);
    },
    [apply],
  );

  const value = useMemo(
    () => ({ status, user, endReason, pending, logIn, logOut, apply, complete, end, retry }),
    [status, user, endReason, pending, logIn, logOut, apply, complete, end, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in person; only for pages behind <RequireAuth>. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser needs a signed-in person');
  return user;
}
