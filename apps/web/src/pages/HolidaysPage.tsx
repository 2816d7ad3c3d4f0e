import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useSession } from '../auth/session';
import { DataTable } from '../components/DataTable';
import { SelectField, TextField } from '../components/form';
import { Alert, PageTitle, ProblemAlert } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { invalidateBusinessCalendar } from '../lib/business-calendar';
import { ApiError, api, query } from '../lib/api';
import { formatDate, parseDisplayDate, vnNow } from '../lib/format';
import type { CalendarDay } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';

interface Draft {
  date: string;
  name: string;
  nameEn: string;
  kind: string;
  /** The day being edited (its date is then fixed: another day is a new entry). */
  editing: string | null;
}

const EMPTY: Draft = { date: '', name: '', nameEn: '', kind: 'HOLIDAY', editing: null };

/** The year's holidays and make-up working days; administrators keep them (PUT/DELETE /calendar/holidays/:date). */
export function HolidaysPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const isAdmin = hasRole(session?.user, 'ADMIN');
  const [year, setYear] = useState(() => Number(vnNow().date.slice(6)));
  const days = useAsync((signal) => api.get<CalendarDay[]>(`/calendar/holidays${query({ year })}`, { signal }), [year]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const [reason, setReason] = useState('');
  const [recomputed, setRecomputed] = useState<{ proposals: number; rescheduledTasks: number } | null>(null);

  const saveForm = useSubmit(
    () => {
      const iso = parseDisplayDate(draft.date)!;
      return api
        .put(`/calendar/holidays/${iso}`, {
          name: draft.name.trim(),
          ...(draft.nameEn.trim() ? { nameEn: draft.nameEn.trim() } : {}),
          kind: draft.kind,
        })
        .then(() => iso);
    },
    {
      validate: () => {
        setDone('');
        setError(null);
        recomputeForm.clear();
        const local: Record<string, string> = {};
        if (!parseDisplayDate(draft.date)) local.date = t('holidays.error.date');
        if (!draft.name.trim()) local.name = t('validation.required');
        return local;
      },
      onSuccess: (iso) => {
        invalidateBusinessCalendar();
        setDone(t('holidays.saved', { date: draft.date }));
        setDraft(EMPTY);
        if (Number(iso.slice(0, 4)) !== year) setYear(Number(iso.slice(0, 4)));
        else days.reload();
      },
    },
  );

  async function remove(day: CalendarDay) {
    if (!window.confirm(t('holidays.confirmDelete', { date: formatDate(day.date) }))) return;
    setDone('');
    setError(null);
    saveForm.clear();
    recomputeForm.clear();
    try {
      await api.delete(`/calendar/holidays/${day.date}`);
      invalidateBusinessCalendar();
      setDone(t('holidays.deleted', { date: formatDate(day.date) }));
      days.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  const recomputeForm = useSubmit(
    () => api.post<{ proposals: number; rescheduledTasks: number }>('/admin/calendar/recompute-deadlines', { reason: reason.trim() }),
    {
      validate: () => {
        setRecomputed(null);
        setError(null);
        saveForm.clear();
        return reason.trim() ? {} : { reason: t('validation.required') };
      },
      onSuccess: (result) => {
        setRecomputed(result);
        setReason('');
      },
    },
  );
  const busy = saveForm.busy || recomputeForm.busy;

  return (
    <div className="page">
      <PageTitle title={t('holidays.title')}>{t('holidays.title')}</PageTitle>
      <Alert kind="info">{t('holidays.recomputeNote')}</Alert>
      <div className="inline-form">
        <SelectField
          path="year"
          label={t('holidays.year')}
          value={String(year)}
          onChange={(v) => setYear(Number(v))}
          options={[-1, 0, 1, 2].map((d) => {
            const y = Number(vnNow().date.slice(6)) + d;
            return { value: String(y), label: String(y) };
          })}
        />
      </div>
      <AsyncStatus state={days} />
      {days.data ? (
        <DataTable
          className="holidays-table"
          caption={t('holidays.caption', { year })}
          empty={t('holidays.none')}
          rows={days.data}
          rowKey={(d) => d.date}
          rowProps={(d) => ({ 'data-date': d.date })}
          columns={[
            { header: t('holidays.col.date'), cell: (d) => formatDate(d.date) },
            { header: t('holidays.col.name'), cell: (d) => (i18n.language === 'en' ? d.nameEn : d.name) },
            { header: t('holidays.col.kind'), cell: (d) => <span className={`badge day-${d.kind}`}>{t(`holidays.kind.${d.kind}`)}</span> },
            isAdmin && {
              header: t('holidays.col.actions'),
              cell: (d) => (
                <>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('holidays.editDay', { date: formatDate(d.date) })}
                    onClick={() => {
                      saveForm.clear();
                      setDraft({ date: formatDate(d.date), name: d.name, nameEn: d.nameEn, kind: d.kind, editing: d.date });
                    }}
                  >
                    {t('holidays.edit')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('holidays.deleteDay', { date: formatDate(d.date) })}
                    onClick={() => void remove(d)}
                  >
                    {t('common.remove')}
                  </button>
                </>
              ),
            },
          ]}
        />
      ) : null}
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ProblemAlert error={saveForm.error ?? recomputeForm.error ?? error} />
      {isAdmin ? (
        <>
          <form className="card" onSubmit={saveForm.onSubmit} noValidate aria-labelledby="holiday-form-title">
            <h2 id="holiday-form-title">
              {draft.editing ? t('holidays.editTitle', { date: formatDate(draft.editing) }) : t('holidays.addTitle')}
            </h2>
            <div className="inline-form">
              <TextField
                path="date"
                label={t('holidays.col.date')}
                hint={t('holidays.dateHint')}
                value={draft.date}
                onChange={(v) => setDraft({ ...draft, date: v })}
                error={saveForm.fieldErrors.date}
                required
                placeholder="dd/mm/yyyy"
              />
              <TextField
                path="name"
                label={t('holidays.nameVi')}
                value={draft.name}
                onChange={(v) => setDraft({ ...draft, name: v })}
                error={saveForm.fieldErrors.name}
                required
              />
              <TextField
                path="nameEn"
                label={t('holidays.nameEn')}
                value={draft.nameEn}
                onChange={(v) => setDraft({ ...draft, nameEn: v })}
                error={saveForm.fieldErrors.nameEn}
                optional
              />
              <SelectField
                path="kind"
                label={t('holidays.col.kind')}
                value={draft.kind}
                onChange={(v) => setDraft({ ...draft, kind: v })}
                error={saveForm.fieldErrors.kind}
                required
                options={(['HOLIDAY', 'MAKEUP_WORKDAY'] satisfies CalendarDay['kind'][]).map((k) => ({
                  value: k,
                  label: t(`holidays.kind.${k}`),
                }))}
              />
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('holidays.save')}
            </button>{' '}
            {draft.editing ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setDraft(EMPTY);
                  saveForm.clear();
                }}
              >
                {t('holidays.cancelEdit')}
              </button>
            ) : null}
          </form>
          <form className="card" onSubmit={recomputeForm.onSubmit} noValidate aria-labelledby="recompute-title">
            <h2 id="recompute-title">{t('holidays.recomputeTitle')}</h2>
            <p>{t('holidays.recomputeNote')}</p>
            <TextField
              path="reason"
              label={t('holidays.reason')}
              value={reason}
              onChange={setReason}
              error={recomputeForm.fieldErrors.reason}
              required
              multiline
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('holidays.recompute')}
            </button>
            {recomputed ? (
              <Alert kind="success">
                {t('holidays.recomputed', { proposals: recomputed.proposals, tasks: recomputed.rescheduledTasks })}
              </Alert>
            ) : null}
          </form>
        </>
      ) : null}
    </div>
  );
}
