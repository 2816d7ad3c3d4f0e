import { useCallback, useRef, useState, type FormEvent } from 'react';
import { ApiError } from './api';
import { fieldMessages } from './problem-message';
import type { FieldError } from './types';
import { useProblemI18n } from './use-problem-i18n';

export type FieldMessages = Record<string, string>;

export interface SubmitOptions<R> {
  /** Checks before sending: field -> message (or undefined when the field is fine); any message stops the send and is shown on its field. */
  validate?: () => Record<string, string | undefined>;
  /** After the api accepted the send, with its answer. */
  onSuccess?: (result: R) => void;
  /**
   * A form that shows problems its own way (an error summary of issues) takes the refusal's field errors here, with
   * the refusal's code (which says how they read: validation/serverIssues); they then go neither to `fieldErrors` nor
   * to `error`.
   */
  onFieldErrors?: (errors: FieldError[], code: string | undefined) => void;
  /** After any failed send (e.g. to start a new idempotency key: the failed attempt decided nothing). */
  onError?: (error: ApiError) => void;
}

export interface Submission {
  /** A send is under way: the submit button is disabled and a second submit is ignored. */
  busy: boolean;
  /** The last send's failure, for ProblemAlert (field errors are also in `fieldErrors`). */
  error: ApiError | null;
  /** Messages by field: the local checks', or the problem+json `errors` of a refused send. */
  fieldErrors: FieldMessages;
  /** Counts the submits, so an error summary can take focus again on each one. */
  attempt: number;
  /** The form's onSubmit. */
  onSubmit: (e?: FormEvent) => void;
  /** Forgets the last failure (e.g. when another action on the page starts). */
  clear: () => void;
}

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, { type: 'about:blank', title: 'Error', status: 0, detail: String(err) });
}

/**
 * A form's send: validates, refuses a second submit while one is in flight, maps a refusal's field errors onto the
 * fields, and calls `onSuccess` with the api's answer. `send` may return nothing when its own checks failed (it has
 * shown why), and nothing is sent.
 */
export function useSubmit<R>(send: () => Promise<R> | undefined, options: SubmitOptions<R> = {}): Submission {
  const i18n = useProblemI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldMessages>({});
  const [attempt, setAttempt] = useState(0);
  // State updates land after the render; a double click inside one frame must still send once.
  const inFlight = useRef(false);
  // The latest closures: the send reads the form's current values.
  const latest = useRef({ send, options, i18n });
  latest.current = { send, options, i18n };

  const onSubmit = useCallback((e?: FormEvent) => {
    e?.preventDefault();
    if (inFlight.current) return;
    const { send, options, i18n } = latest.current;
    setAttempt((n) => n + 1);
    setError(null);
    const local = Object.fromEntries(Object.entries(options.validate?.() ?? {}).filter((e): e is [string, string] => !!e[1]));
    setFieldErrors(local);
    if (Object.keys(local).length) return;
    const sending = send();
    if (!sending) return;
    inFlight.current = true;
    setBusy(true);
    sending.then(
      (result) => {
        inFlight.current = false;
        setBusy(false);
        options.onSuccess?.(result);
      },
      (err: unknown) => {
        inFlight.current = false;
        setBusy(false);
        const apiErr = asApiError(err);
        if (apiErr.fieldErrors.length && options.onFieldErrors) options.onFieldErrors(apiErr.fieldErrors, apiErr.problem.code);
        else {
          // In the reader's language by the refusal's code (lib/problem-message), or the server's per-field reasons.
          if (apiErr.fieldErrors.length) setFieldErrors(fieldMessages(i18n, apiErr.problem));
          setError(apiErr);
        }
        options.onError?.(apiErr);
      },
    );
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { busy, error, fieldErrors, attempt, onSubmit, clear };
}
