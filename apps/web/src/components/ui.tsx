import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage, LANGUAGES } from '../i18n';
import type { ApiError } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';
import { label } from '../lib/labels';
import { describeProblem } from '../lib/problem-message';
import { useProblemI18n } from '../lib/use-problem-i18n';
import type { Sla, Task } from '../lib/types';
import { useBusinessCalendar } from '../lib/business-calendar';
import { workingDaysLeft } from '../lib/working-days';

/** The calendar years from today to `dueAt` (Vietnam time), at most three. */
function yearsUntil(dueAt: string): number[] {
  const from = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
  const to = new Date(Date.parse(dueAt) + 7 * 3600_000).getUTCFullYear();
  if (!Number.isFinite(to) || to < from) return [from];
  return Array.from({ length: Math.min(to - from, 2) + 1 }, (_, i) => from + i);
}

/** The first page of a load keeps the browser's own focus (Tab starts at the skip link). */
let firstPage = true;

/**
 * The page's h1: sets the document title and, after a client-side navigation, takes focus, so a screen reader
 * announces the new page (there is no page load to do it).
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Accord`;
  }, [title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function Alert({ kind, children, focus }: { kind: 'error' | 'success' | 'info' | 'warning'; children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, children]);
  return (
    <div ref={ref} tabIndex={focus ? -1 : undefined} className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * A problem+json answer for people, in their language (lib/problem-message): a title by status, the message of its
 * error code, and its field errors by field.
 */
export function ProblemAlert({ error, focus }: { error: ApiError | undefined | null; focus?: boolean }) {
  const i18n = useProblemI18n();
  if (!error) return null;
  const { title, detail, fields } = describeProblem(i18n, error);
  return (
    <Alert kind="error" focus={focus}>
      <strong>{title}</strong>
      {detail ? <p className="problem-detail">{detail}</p> : null}
      {fields.length ? (
        <ul className="problem-fields">
          {fields.map((f, i) => (
            <li key={`${f.field}-${i}`}>
              {f.label}: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status status-${status}`}>{label(t, 'status', status)}</span>;
}

const SLA_ICON: Record<Sla, string> = { ON_TRACK: '●', DUE_SOON: '▲', OVERDUE: '■' };

/** SLA at a glance: colour, a shape and a word (never colour alone), with the due date. */
export function SlaBadge({ task }: { task: Pick<Task, 'sla' | 'dueAt' | 'status' | 'clock'> }) {
  const { t } = useTranslation();
  // Working days left only while the clock runs and the deadline is ahead, on the business calendar of the years
  // between today and the due day (weekdays only until it has loaded).
  const counting = task.status === 'OPEN' && !task.clock.paused && task.sla !== 'OVERDUE';
  const calendar = useBusinessCalendar(counting ? yearsUntil(task.dueAt) : []);
  if (task.status === 'OPEN' && task.clock.paused) {
    return (
      <span className="sla">
        <span className="badge sla-PAUSED" data-sla="PAUSED">
          <span aria-hidden="true">❚❚ </span>
          {t('sla.PAUSED')}
        </span>
      </span>
    );
  }
  const left = counting ? workingDaysLeft(task.dueAt, new Date(), calendar ?? undefined) : null;
  return (
    <span className="sla">
      <span className={`badge sla-${task.sla}`} data-sla={task.sla}>
        <span aria-hidden="true">{SLA_ICON[task.sla]} </span>
        {label(t, 'sla', task.sla)}
      </span>{' '}
      <span className="due">{t('sla.due', { date: formatDate(task.dueAt) })}</span>
      {left !== null ? (
        <>
          {' '}
          <span className="days-left" data-working-days={left}>
            {t('sla.workingDaysLeft', { count: left })}
          </span>
        </>
      ) : null}
    </span>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={i18n.language === lang}
          onClick={() => setLanguage(lang)}
          title={t(`lang.${lang}`)}
        >
          {lang.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function DateTime({ value }: { value: string | null | undefined }) {
  if (!value) return null;
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
