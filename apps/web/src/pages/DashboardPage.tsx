import { useTranslation } from 'react-i18next';
import { BarChart } from '../components/BarChart';
import { DateTime, PageTitle } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { api } from '../lib/api';
import { agencyLabel, label } from '../lib/labels';
import type { AdminStats } from '../lib/types';
import { useAsync } from '../lib/use-async';

/** YYYY-MM as MM/yyyy. */
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** Admin, auditor and leader: where proposals stand and how the clocks are kept (GET /admin/stats). */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const stats = useAsync((signal) => api.get<AdminStats>('/admin/stats', { signal }), []);
  const s = stats.data;
  const percent = (rate: number | null) =>
    rate === null
      ? '—'
      : new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const days = (n: number | null) => (n === null ? '—' : t('dashboard.days', { count: n }));
  return (
    <div className="page">
      <PageTitle title={t('dashboard.title')}>{t('dashboard.title')}</PageTitle>
      <AsyncStatus state={stats} />
      {s ? (
        <>
          <p className="hint">
            {t('dashboard.generatedAt')} <DateTime value={s.generatedAt} />
          </p>
          <div className="stat-grid">
            <div className="stat" data-stat="total">
              <span className="stat-value">{Object.values(s.byStatus).reduce((a, b) => a + b, 0)}</span>
              <span className="stat-label">{t('dashboard.totalProposals')}</span>
            </div>
            <div className="stat" data-stat="running">
              <span className="stat-value">{Object.values(s.byStage).reduce((a, b) => a + b, 0)}</span>
              <span className="stat-label">{t('dashboard.running')}</span>
            </div>
            <div className="stat" data-stat="overdue">
              <span className="stat-value">{s.overdueTasks}</span>
              <span className="stat-label">{t('dashboard.overdueTasks')}</span>
            </div>
            <div className="stat" data-stat="sla">
              <span className="stat-value">{percent(s.slaCompliance.rate)}</span>
              <span className="stat-label">
                {t('dashboard.slaRate', { onTime: s.slaCompliance.onTime, completed: s.slaCompliance.completed })}
              </span>
            </div>
          </div>
          <section className="card" aria-labelledby="chart-status">
            <h2 id="chart-status">{t('dashboard.byStatus')}</h2>
            <BarChart
              title={t('dashboard.byStatus')}
              bars={Object.entries(s.byStatus).map(([k, v]) => ({ key: k, label: label(t, 'status', k), value: v }))}
            />
          </section>
          <section className="card" aria-labelledby="chart-stage">
            <h2 id="chart-stage">{t('dashboard.byStage')}</h2>
            <BarChart
              title={t('dashboard.byStage')}
              bars={Object.entries(s.byStage).map(([k, v]) => ({ key: k, label: label(t, 'stage', k), value: v }))}
            />
          </section>
          <section className="card" aria-labelledby="chart-overdue">
            <h2 id="chart-overdue">{t('dashboard.overdueByAgency')}</h2>
            <BarChart
              title={t('dashboard.overdueByAgency')}
              bars={Object.entries(s.overdueByAgency).map(([k, v]) => ({
                key: k,
                label: agencyLabel(t, k, s.agencyNames?.[k]),
                value: v,
                highlight: v > 0,
              }))}
            />
          </section>
          <section className="card" aria-labelledby="chart-median">
            <h2 id="chart-median">{t('dashboard.medianDays')}</h2>
            <BarChart
              title={t('dashboard.medianDays')}
              bars={Object.entries(s.medianWorkingDaysPerStage).map(([k, v]) => ({
                key: k,
                label: label(t, 'stage', k),
                value: v ?? 0,
                text: days(v),
              }))}
            />
          </section>
          <section className="card" aria-labelledby="chart-sla">
            <h2 id="chart-sla">{t('dashboard.slaCompliance')}</h2>
            <BarChart
              title={t('dashboard.slaCompliance')}
              max={Math.max(s.slaCompliance.completed, 1)}
              bars={[
                { key: 'onTime', label: t('dashboard.onTime'), value: s.slaCompliance.onTime },
                { key: 'late', label: t('dashboard.late'), value: s.slaCompliance.completed - s.slaCompliance.onTime, highlight: true },
              ]}
            />
            <p>
              {t('dashboard.slaRate', { onTime: s.slaCompliance.onTime, completed: s.slaCompliance.completed })}:{' '}
              <strong data-sla-rate>{percent(s.slaCompliance.rate)}</strong>
            </p>
          </section>
          <section className="card" aria-labelledby="chart-sla-month" data-chart="sla-by-month">
            <h2 id="chart-sla-month">{t('dashboard.slaByMonth')}</h2>
            <p className="hint">{t('dashboard.slaByMonthHint')}</p>
            {s.slaComplianceByMonth.length ? (
              <BarChart
                title={t('dashboard.slaByMonth')}
                max={1}
                bars={s.slaComplianceByMonth.map((m) => {
                  const month = monthLabel(m.month);
                  return {
                    key: m.month,
                    label: month,
                    value: m.rate ?? 0,
                    text: m.completed
                      ? t('dashboard.slaMonthValue', { rate: percent(m.rate), onTime: m.onTime, completed: m.completed })
                      : t('dashboard.slaMonthNone'),
                    tooltip: t('dashboard.slaMonthTooltip', { month, onTime: m.onTime, completed: m.completed }),
                    attributes: { 'data-month': m.month },
                  };
                })}
              />
            ) : (
              <p data-empty>{t('dashboard.slaByMonthEmpty')}</p>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
