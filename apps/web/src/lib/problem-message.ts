import type { TFunction } from 'i18next';
import type { ApiError } from './api';

/** An error as people read it: a title in their language, and the rule or reason the server gave, if any. */
export interface ProblemMessage {
  title: string;
  detail?: string;
}

/**
 * The one place an api error (problem+json, or a network failure) becomes words; every error shown in the app goes
 * through here (ProblemAlert, the login failure), so a finer translation of problems is wired in here alone.
 */
export function problemMessage(t: TFunction, error: ApiError): ProblemMessage {
  const title =
    error.status === 0 ? t('error.network') : error.status === 403 ? t('error.forbidden') : error.status === 404 ? t('error.notFound') : error.status === 409 ? t('error.conflict') : error.status === 400 ? t('error.invalid') : t('error.generic');
  return error.status !== 0 && error.problem.detail ? { title, detail: error.problem.detail } : { title };
}
