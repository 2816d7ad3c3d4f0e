import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { SelectField, TextField } from '../components/form';
import { Alert, DateTime, Empty, Loading, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api, newIdempotencyKey } from '../lib/api';
import { formatDate } from '../lib/format';
import { agencyLabel } from '../lib/labels';
import type { Page, PlanAgency, PlanDetail, PlanItem, PlanSummary, User } from '../lib/types';
import { useAsync } from '../lib/use-async';

export const PLAN_ITEM_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE'] as const;

function leadLabel(t: TFunction, lead: PlanAgency): string {
  return lead.group ? t(`planGroup.${lead.code}`, { defaultValue: lead.name }) : agencyLabel(t, lead.code, lead.name);
}

/** Members of the lead agency report on an item; an item all agencies lead takes any agency member's report. */
function canReport(user: User | undefined, item: PlanItem): boolean {
  if (!user?.agency) return false;
  return item.lead.group ? true : user.agency.code === item.lead.code;
}

/** Implementation plans (GET /plans) with their progress at a glance. */
export function PlansPage() {
  const { t } = useTranslation();
  const plans = useAsync((signal) => api.get<Page<PlanSummary>>('/plans?limit=50', { signal }), []);
  return (
    <div className="page">
      <PageTitle title={t('plans.title')}>{t('plans.title')}</PageTitle>
      <ProblemAlert error={plans.error} />
      {plans.loading && !plans.data ? <Loading /> : null}
      {plans.data && !plans.data.items.length ? <Empty>{t('plans.none')}</Empty> : null}
      {plans.data?.items.length ? (
        <div className="table-wrap">
          <table className="table plans-table">
            <caption className="visually-hidden">{t('plans.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.col.title')}</th>
                <th scope="col">{t('plans.col.items')}</th>
                <th scope="col">{t('plans.col.progress')}</th>
                <th scope="col">{t('plans.col.overdue')}</th>
                <th scope="col">{t('plans.col.imported')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/plans/${p.id}`}>{p.title}</Link>
                    {p.source ? <div className="hint">{p.source}</div> : null}
                  </td>
                  <td>{p.summary.items}</td>
                  <td>{PLAN_ITEM_STATUSES.map((s) => `${t(`planStatus.${s}`)}: ${p.summary.byStatus[s] ?? 0}`).join(' · ')}</td>
                  <td>{p.summary.overdue ? <span className="badge sla-OVERDUE">■ {p.summary.overdue}</span> : 0}</td>
                  <td>
                    <DateTime value={p.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function UpdateForm({ planId, item, onSaved }: { planId: string; item: PlanItem; onSaved: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState(item.status);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per report: a retry of the same send is answered once; the next report gets a new key.
  const [key, setKey] = useState(newIdempotencyKey);
  const path = (f: string) => `item-${item.no}-${f}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!note.trim()) {
      setErrors({ note: t('validation.required') });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.post(`/plans/${planId}/items/${item.id}/updates`, { status, note: note.trim() }, { idempotencyKey: key });
      setKey(newIdempotencyKey());
      setNote('');
      onSaved();
    } catch (err) {
      const apiErr = err as ApiError;
      if (apiErr.fieldErrors?.length) setErrors(Object.fromEntries(apiErr.fieldErrors.map((f) => [f.field, f.message])));
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="plan-update-form">
      <ProblemAlert error={error} />
      <SelectField path={path('status')} label={t('plans.col.status')} value={status} onChange={setStatus} error={errors.status} required options={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: t(`planStatus.${s}`) }))} />
      <TextField path={path('note')} label={t('plans.note')} value={note} onChange={setNote} error={errors.note} required multiline />
      <button type="submit" className="button button-primary button-small" disabled={busy}>
        {t('plans.sendUpdate')}
      </button>
    </form>
  );
}

function ItemRow({ planId, item, user, onSaved }: { planId: string; item: PlanItem; user: User | undefined; onSaved: () => void }) {
  const { t } = useTranslation();
  const last = item.updates[item.updates.length - 1];
  return (
    <tr className={item.overdue ? 'row-overdue' : undefined} data-item-no={item.no} data-overdue={item.overdue}>
      <td>{item.no}</td>
      <td>
        {item.task}
        {item.output ? <div className="hint">{t('plans.output')}: {item.output}</div> : null}
      </td>
      <td>
        {leadLabel(t, item.lead)}
        {item.coordinators.length ? <div className="hint">{t('plans.coordinators')}: {item.coordinators.map((c) => leadLabel(t, c)).join(', ')}</div> : null}
      </td>
      <td>
        {item.timeFrame}
        {item.dueOn ? <div>{t('sla.due', { date: formatDate(item.dueOn) })}</div> : null}
        {item.overdue ? (
          <span className="badge sla-OVERDUE" data-sla="OVERDUE">
            <span aria-hidden="true">■ </span>
            {t('sla.OVERDUE')}
          </span>
        ) : null}
      </td>
      <td>
        <span className={`badge plan-status-${item.status}`}>{t(`planStatus.${item.status}`)}</span>
        {last ? (
          <div className="hint">
            {last.note} — {last.by.fullName}, <DateTime value={last.at} />
          </div>
        ) : null}
      </td>
      <td>
        {canReport(user, item) ? (
          <details>
            <summary>{t('plans.update')}</summary>
            <UpdateForm planId={planId} item={item} onSaved={onSaved} />
          </details>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
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
      <ProblemAlert error={plan.error} />
      {plan.loading && !p ? <Loading /> : null}
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
              <div className="table-wrap">
                <table className="table plan-items">
                  <caption className="visually-hidden">{g.title}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('plans.col.no')}</th>
                      <th scope="col">{t('plans.col.task')}</th>
                      <th scope="col">{t('plans.col.lead')}</th>
                      <th scope="col">{t('plans.col.timeFrame')}</th>
                      <th scope="col">{t('plans.col.status')}</th>
                      <th scope="col">{t('plans.update')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.items.map((item) => (
                      <ItemRow
                        key={item.id}
                        planId={p.id}
                        item={item}
                        user={session?.user}
                        onSaved={() => {
                          setSaved(true);
                          plan.reload();
                        }}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
