import { useCallback, useRef, useState, type FormEvent } from 'react';
import { ApiError } from './api';

export type FieldMessages = Record<string, string>;

export interface SubmitOptions<R> {
  /** Checks before sending: field -> message; any message stops the send and is shown on its field. */
  validate?: () => FieldMessages;
  /** After the api accepted the send, with its answer. */
  onSuccess?: (result: R) => void;
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
 * fields, and calls `onSuccess` with the api's answer.
 */
export function useSubmit<R>(send: () => Promise<R>, options: SubmitOptions<R> = {}): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldMessages>({});
  const [attempt, setAttempt] = useState(0);
  // State updates land after the render; a double click inside one frame must still send once.
  const inFlight = useRef(false);
  // The latest closures: the send reads the form's current values.
  const latest = useRef({ send, options });
  latest.current = { send, options };

  const onSubmit = useCallback((e?: FormEvent) => {
    e?.preventDefault();
    if (inFlight.current) return;
    const { send, options } = latest.current;
    setAttempt((n) => n + 1);
    setError(null);
    const local = options.validate?.() ?? {};
    setFieldErrors(local);
    if (Object.keys(local).length) return;
    inFlight.current = true;
    setBusy(true);
    send().then(
      (result) => {
        inFlight.current = false;
        setBusy(false);
        options.onSuccess?.(result);
      },
      (err: unknown) => {
        inFlight.current = false;
        setBusy(false);
        const apiErr = asApiError(err);
        if (apiErr.fieldErrors.length) setFieldErrors(apiErr.fieldMessages);
        setError(apiErr);
      },
    );
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { busy, error, fieldErrors, attempt, onSubmit, clear };
}
