import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DateTime, PageTitle } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { api } from '../lib/api';
import { clockLabel, consulteeLabel, label } from '../lib/labels';
import type { PolicyCondition, PolicyTask, PolicyVersion } from '../lib/types';
import { useAsync } from '../lib/use-async';

/** The vocabulary a condition's value comes from, so `details.level = DEPARTMENT` reads "Cấp ký kết: Sở, ngành". */
const VALUE_GROUP: Record<string, string> = { kind: 'kind', 'details.level': 'level', procedure: 'procedure', urgency: 'urgency' };

function fieldName(t: TFunction, field: string): string {
  return field === 'kind' ? t('policy.fieldKind') : t(`field.${field}`, { defaultValue: field });
}

function valueName(t: TFunction, field: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  const group = VALUE_GROUP[field];
  return group ? label(t, group, String(value)) : String(value);
}

/** A routing condition in words (the policy's own field names and values, labelled). */
export function conditionText(t: TFunction, c: PolicyCondition): string {
  if ('all' in c) return c.all.map((x) => conditionText(t, x)).join(` ${t('policy.and')} `);
  if ('any' in c) return `(${c.any.map((x) => conditionText(t, x)).join(` ${t('policy.or')} `)})`;
  if ('not' in c) return `${t('policy.not')} (${conditionText(t, c.not)})`;
  if ('in' in c) return `${fieldName(t, c.field)}: ${c.in.map((v) => valueName(t, c.field, v)).join(' / ')}`;
  if ('contains' in c)
    return `${fieldName(t, c.field)} ${t('policy.contains')} ${c.field === 'details.fields' ? label(t, 'coopField', String(c.contains)) : String(c.contains)}`;
  return `${fieldName(t, c.field)}: ${valueName(t, c.field, c.equals)}`;
}

function TaskRow({
  task,
  stage,
  first,
  span,
}: {
  task: PolicyTask;
  stage: { stage: string; when?: PolicyCondition };
  first: boolean;
  span: number;
}) {
  const { t } = useTranslation();
  return (
    <tr>
      {first ? (
        <th scope="rowgroup" rowSpan={span}>
          {label(t, 'stage', stage.stage)}
          {stage.when ? <div className="condition">{t('policy.onlyIf', { condition: conditionText(t, stage.when) })}</div> : null}
        </th>
      ) : null}
      <td>{label(t, 'taskKind', task.kind)}</td>
      <td>
        {consulteeLabel(t, task)}
        {task.externalBody ? (
          <div className="hint">{t('policy.recordedBy', { agency: consulteeLabel(t, { candidateAgency: task.candidateAgency }) })}</div>
        ) : null}
      </td>
      <td className="condition">{task.when ? conditionText(t, task.when) : t('policy.always')}</td>
      <td>{clockLabel(t, task.clock)}</td>
      <td>{task.shortenedClock ? clockLabel(t, task.shortenedClock) : '—'}</td>
      <td className="hint">{task.basis ?? '—'}</td>
    </tr>
  );
}

/** The routing policy in force (GET /policies/current): per route its stages, consultees with conditions, and clocks. */
export function PolicyPage() {
  const { t } = useTranslation();
  const policy = useAsync((signal) => api.get<PolicyVersion>('/policies/current', { signal }), []);
  const p = policy.data;
  return (
    <div className="page">
      <PageTitle title={t('policy.title')}>{t('policy.title')}</PageTitle>
      <AsyncStatus state={policy} />
      {p ? (
        <>
          <dl className="meta-grid">
            <div>
              <dt>{t('policy.version')}</dt>
              <dd data-policy-version>{p.version}</dd>
            </div>
            <div>
              <dt>{t('policy.publishedAt')}</dt>
              <dd>{p.publishedAt ? <DateTime value={p.publishedAt} /> : '—'}</dd>
            </div>
            {p.note ? (
              <div>
                <dt>{t('policy.note')}</dt>
                <dd>{p.note}</dd>
              </div>
            ) : null}
          </dl>
          <p className="hint">{t('policy.intro')}</p>
          {p.document.routes.map((route, i) => (
            <section key={route.name} className="policy-route" aria-labelledby={`route-${i}`}>
              <h2 id={`route-${i}`}>
                {i + 1}. {t(`policy.route.${route.name}`, { defaultValue: route.name })}
              </h2>
              <p className="condition">{t('policy.appliesWhen', { condition: conditionText(t, route.when) })}</p>
              {route.basis ? <p className="hint">{t('plan.basis', { basis: route.basis })}</p> : null}
              {route.effectiveFrom ? <p className="hint">{t('policy.effectiveFrom', { date: route.effectiveFrom })}</p> : null}
              {route.refuse ? <p>{t('policy.refused', { message: route.refuse.message })}</p> : null}
              {route.stages.length ? (
                <div className="table-wrap">
                  <table className="table policy-table">
                    <caption className="visually-hidden">{route.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('policy.col.stage')}</th>
                        <th scope="col">{t('policy.col.task')}</th>
                        <th scope="col">{t('policy.col.consultee')}</th>
                        <th scope="col">{t('policy.col.condition')}</th>
                        <th scope="col">{t('policy.col.clock')}</th>
                        <th scope="col">{t('policy.col.shortened')}</th>
                        <th scope="col">{t('policy.col.basis')}</th>
                      </tr>
                    </thead>
                    {route.stages.map((stage, si) => (
                      <tbody key={`${stage.stage}-${si}`}>
                        {stage.tasks.map((task, ti) => (
                          <TaskRow key={ti} task={task} stage={stage} first={ti === 0} span={stage.tasks.length} />
                        ))}
                      </tbody>
                    ))}
                  </table>
                </div>
              ) : null}
              {route.stages.some((s) => s.stage === 'DECISION') ? (
                <ul className="plan-gates">
                  {(route.gates?.pmConsent ?? p.document.gates.pmConsent) ? (
                    <li>
                      {t('policy.routeGate.pmConsent', {
                        clock: clockLabel(t, (route.gates?.pmConsent ?? p.document.gates.pmConsent)!.clock),
                        basis: (route.gates?.pmConsent ?? p.document.gates.pmConsent)!.basis ?? '—',
                      })}
                    </li>
                  ) : (
                    <li>{t('policy.routeGate.noPmConsent')}</li>
                  )}
                  {route.stages.some((s) => s.stage === 'SIGNING') ? (
                    <li>
                      {t('policy.routeGate.postSigningReport', {
                        clock: clockLabel(t, route.gates?.postSigningReport ?? p.document.gates.postSigningReport),
                        basis: (route.gates?.postSigningReport ?? p.document.gates.postSigningReport).basis ?? '—',
                      })}
                    </li>
                  ) : null}
                </ul>
              ) : null}
            </section>
          ))}
          <section className="card" aria-labelledby="gates-title">
            <h2 id="gates-title">{t('policy.gates')}</h2>
            <dl className="meta-grid">
              <div>
                <dt>{t('policy.gate.supplement')}</dt>
                <dd>{clockLabel(t, p.document.gates.supplement)}</dd>
              </div>
              <div>
                <dt>{t('policy.gate.revision')}</dt>
                <dd>{clockLabel(t, p.document.gates.revision)}</dd>
              </div>
              {p.document.gates.pmConsent ? (
                <div>
                  <dt>{t('policy.gate.pmConsent')}</dt>
                  <dd>
                    {consulteeLabel(t, p.document.gates.pmConsent)} · {clockLabel(t, p.document.gates.pmConsent.clock)}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('policy.gate.postSigningReport')}</dt>
                <dd>{clockLabel(t, p.document.gates.postSigningReport)}</dd>
              </div>
              {p.document.gates.expiryReminderDays?.length ? (
                <div>
                  <dt>{t('policy.gate.expiryReminder')}</dt>
                  <dd>{t('policy.daysBefore', { days: p.document.gates.expiryReminderDays.join(', ') })}</dd>
                </div>
              ) : null}
            </dl>
          </section>
        </>
      ) : null}
    </div>
  );
}
