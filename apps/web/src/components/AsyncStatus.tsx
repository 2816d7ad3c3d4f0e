import type { ApiError } from '../lib/api';
import { Loading, ProblemAlert } from './ui';

/** What a load shows before its data: why it failed, or that it is still loading (not while a reload refreshes shown data). */
export function AsyncStatus({
  state,
  focus,
}: {
  state: { loading: boolean; error: ApiError | undefined; data?: unknown; loaded?: boolean };
  focus?: boolean;
}) {
  const shown = state.loaded ?? state.data !== undefined;
  return (
    <>
      <ProblemAlert error={state.error} focus={focus} />
      {state.loading && !shown ? <Loading /> : null}
    </>
  );
}
