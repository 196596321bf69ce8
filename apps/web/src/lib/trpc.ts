import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@switchboard/api';

let csrfToken: string | null = null;
/** The session's CSRF token, sent with every mutation (the server refuses mutations without it). */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** For the few requests that are not tRPC (file uploads). */
export const currentCsrfToken = () => csrfToken;

export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // The inbox's live feed: Server-Sent Events that reconnect by themselves and resume after the last event id.
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpLink({
        url: '/trpc',
        headers: () => (csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      }),
    }),
  ],
});

export interface ApiProblem {
  message: string;
  code: string;
  fieldErrors: Record<string, string>;
  retryAfterSeconds?: number;
}

/** Turns any thrown value into something a form can show: a message and per-field errors. */
export function toProblem(error: unknown): ApiProblem {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data as
      { code?: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number } | undefined;
    return {
      message: error.message,
      code: data?.code ?? 'UNKNOWN',
      fieldErrors: data?.fieldErrors ?? {},
      ...(data?.retryAfterSeconds ? { retryAfterSeconds: data.retryAfterSeconds } : {}),
    };
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    code: 'UNKNOWN',
    fieldErrors: {},
  };
}

/** The one line to show for a problem: the first field's message (it says what to fix), else the general message. */
export const problemText = (problem: ApiProblem) => Object.values(problem.fieldErrors)[0] ?? problem.message;
