import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { DataTable, type Column } from '../components/DataTable';
import { SelectField, TextField } from '../components/form';
import { Alert, DateTime, PageTitle, ProblemAlert } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { api, newIdempotencyKey } from '../lib/api';
import { formatDate } from '../lib/format';
import { PLAN_ITEM_STATUSES, leadLabel } from '../lib/plan-items';
import type { PlanDetail, PlanItem, PlanItemStatus, User } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';

/** Members of the lead agency report on an item; an item all agencies lead takes any agency member's report. */
function canReport(user: User | undefined, item: PlanItem): boolean {
  if (!user?.agency) return false;
  return item.lead.group ? true : user.agency.code === item.lead.code;
}

function UpdateForm({ planId, item, onSaved }: { planId: string; item: PlanItem; onSaved: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(item.status);
  const [note, setNote] = useState('');
  // One key per report: a retry of the same send is answered once; the next report gets a new key.
  const [key, setKey] = useState(newIdempotencyKey);
  const path = (f: string) => `item-${item.no}-${f}`;
  const form = useSubmit(
    () => api.post(`/plans/${planId}/items/${item.id}/updates`, { status, note: note.trim() }, { idempotencyKey: key }),
    {
      validate: () => (note.trim() ? {} : { note: t('validation.required') }),
      onSuccess: () => {
        setKey(newIdempotencyKey());
        setNote('');
        onSaved();
      },
    },
  );

  return (
    <form onSubmit={form.onSubmit} noValidate className="plan-update-form">
      <ProblemAlert error={form.error} />
      <SelectField
        path={path('status')}
        label={t('plans.col.status')}
        value={status}
        onChange={(v) => setStatus(v as PlanItemStatus)}
        error={form.fieldErrors.status}
        required
        options={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: t(`planStatus.${s}`) }))}
      />
      <TextField
        path={path('note')}
        label={t('plans.note')}
        value={note}
        onChange={setNote}
        error={form.fieldErrors.note}
        required
        multiline
      />
      <button type="submit" className="button button-primary button-small" disabled={form.busy}>
        {t('plans.sendUpdate')}
      </button>
    </form>
  );
}

/** The columns of a plan's item table; the last holds the update form for those who may report on the item. */
function itemColumns(t: TFunction, planId: string, user: User | undefined, onSaved: () => void): Column<PlanItem>[] {
  return [
    { header: t('plans.col.no'), cell: (item) => item.no },
    {
      header: t('plans.col.task'),
      cell: (item) => (
        <>
          {item.task}
          {item.output ? (
            <div className="hint">
              {t('plans.output')}: {item.output}
            </div>
          ) : null}
        </>
      ),
    },
    {
      header: t('plans.col.lead'),
      cell: (item) => (
        <>
          {leadLabel(t, item.lead)}
          {item.coordinators.length ? (
            <div className="hint">
              {t('plans.coordinators')}: {item.coordinators.map((c) => leadLabel(t, c)).join(', ')}
            </div>
          ) : null}
        </>
      ),
    },
    {
      header: t('plans.col.timeFrame'),
      cell: (item) => (
        <>
          {item.timeFrame}
          {item.dueOn ? <div>{t('sla.due', { date: formatDate(item.dueOn) })}</div> : null}
          {item.overdue ? (
            <span className="badge sla-OVERDUE" data-sla="OVERDUE">
              <span aria-hidden="true">■ </span>
              {t('sla.OVERDUE')}
            </span>
          ) : null}
        </>
      ),
    },
    {
      header: t('plans.col.status'),
      cell: (item) => {
        const last = item.updates[item.updates.length - 1];
        return (
          <>
            <span className={`badge plan-status-${item.status}`}>{t(`planStatus.${item.status}`)}</span>
            {last ? (
              <div className="hint">
                {last.note} — {last.by.fullName}, <DateTime value={last.at} />
              </div>
            ) : null}
          </>
        );
      },
    },
    {
      header: t('plans.update'),
      cell: (item) =>
        canReport(user, item) ? (
          <details>
            <summary>{t('plans.update')}</summary>
            <UpdateForm planId={planId} item={item} onSaved={onSaved} />
          </details>
        ) : (
          '—'
        ),
    },
  ];
}

/** A plan's board: items grouped by status or by lead agency, overdue ones highlighted, the lead agency's update form. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const plan = useAsync((signal) => api.get<PlanDetail>(`/plans/${id}`, { signal }), [id]);
  const [groupBy, setGroupBy] = useState<'status' | 'lead'>('status');
  const [saved, setSaved] = useState(false);
  const p = plan.data;
  const columns = p
    ? itemColumns(t, p.id, session?.user, () => {
        setSaved(true);
        plan.reload();
      })
    : [];

  const groups: { key: string; title: string; items: PlanItem[] }[] = [];
  if (p) {
    if (groupBy === 'status') {
      for (const s of PLAN_ITEM_STATUSES) {
        const items = p.items.filter((i) => i.status === s);
        if (items.length) groups.push({ key: s, title: t(`planStatus.${s}`), items });
      }
    } else {
      for (const item of p.items) {
        let g = groups.find((x) => x.key === item.lead.code);
        if (!g) groups.push((g = { key: item.lead.code, title: leadLabel(t, item.lead), items: [] }));
        g.items.push(item);
      }
    }
  }

  return (
    <div className="page">
      <PageTitle title={p?.title ?? t('plans.title')}>{p?.title ?? t('plans.title')}</PageTitle>
      <p>
        <Link to="/plans">← {t('plans.back')}</Link>
      </p>
      <AsyncStatus state={plan} />
      {saved ? <Alert kind="success">{t('plans.saved')}</Alert> : null}
      {p ? (
        <>
          <div className="stat-grid">
            <div className="stat">
              <span className="stat-value">{p.summary.items}</span>
              <span className="stat-label">{t('plans.col.items')}</span>
            </div>
            {PLAN_ITEM_STATUSES.map((s) => (
              <div className="stat" key={s}>
                <span className="stat-value">{p.summary.byStatus[s] ?? 0}</span>
                <span className="stat-label">{t(`planStatus.${s}`)}</span>
              </div>
            ))}
            <div className="stat" data-stat="overdue">
              <span className="stat-value">{p.summary.overdue}</span>
              <span className="stat-label">{t('sla.OVERDUE')}</span>
            </div>
          </div>
          <div className="inline-form">
            <SelectField
              path="groupBy"
              label={t('plans.groupBy')}
              value={groupBy}
              onChange={(v) => setGroupBy(v as 'status' | 'lead')}
              options={[
                { value: 'status', label: t('plans.byStatus') },
                { value: 'lead', label: t('plans.byLead') },
              ]}
            />
          </div>
          {groups.map((g) => (
            <section key={g.key} className="plan-group" aria-labelledby={`group-${g.key}`}>
              <h2 id={`group-${g.key}`}>
                {g.title} ({g.items.length})
              </h2>
              <DataTable
                className="plan-items"
                caption={g.title}
                captionHidden
                rows={g.items}
                rowKey={(item) => item.id}
                rowProps={(item) => ({
                  className: item.overdue ? 'row-overdue' : undefined,
                  'data-item-no': item.no,
                  'data-overdue': item.overdue,
                })}
                columns={columns}
              />
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
