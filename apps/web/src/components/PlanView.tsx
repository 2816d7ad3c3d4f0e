import { useTranslation } from 'react-i18next';
import { clockLabel, consulteeLabel, label } from '../lib/labels';
import type { Plan } from '../lib/types';
import { DateTime } from './ui';

/** The routing plan: ordered stages, the parallel consultees of each with their clocks, and the branch gates. */
export function PlanView({ plan, headingLevel = 2 }: { plan: Plan; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4';
  return (
    <section className="plan" aria-labelledby="plan-title">
      <H id="plan-title">{t('plan.title')}</H>
      <p className="muted">{t('plan.policyVersion', { version: plan.policyVersion })}</p>
      <ol className="plan-stages">
        {plan.stages.map((s, i) => (
          <li key={`${s.stage}-${i}`} className="plan-stage">
            <div className="plan-stage-name">
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              {label(t, 'stage', s.stage)}
              {s.tasks.length > 1 ? <span className="muted"> — {t('plan.parallel')}</span> : null}
            </div>
            <ul className="plan-tasks">
              {s.tasks.map((task, j) => (
                <li key={j}>
                  <strong>{consulteeLabel(t, task)}</strong>
                  {task.externalBody ? (
                    <span className="muted">
                      {' '}
                      ({t('plan.recordedBy', { agency: consulteeLabel(t, { candidateAgency: task.candidateAgency }) })})
                    </span>
                  ) : null}
                  {' · '}
                  {label(t, 'taskKind', task.kind)}
                  {' · '}
                  <span className="clock">{clockLabel(t, task.clock)}</span>
                  {task.addedBy ? <span className="muted"> · {t('plan.addedBy', { name: task.addedBy.fullName })}</span> : null}
                  {task.basis ? <span className="muted small plan-basis"> · {t('plan.basis', { basis: task.basis })}</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {plan.gates ? (
        <ul className="plan-gates">
          {plan.gates.pmConsent ? (
            <li>
              {t('plan.gate.pmConsent', { clock: clockLabel(t, plan.gates.pmConsent.clock) })}
              <GateBasis basis={plan.gates.pmConsent.basis} />
            </li>
          ) : plan.stages.some((s) => s.stage === 'DECISION') ? (
            <li>{t('plan.gate.noPmConsent')}</li>
          ) : null}
          {plan.gates.supplement ? (
            <li>
              {t('plan.gate.supplement', { clock: clockLabel(t, plan.gates.supplement) })}
              <GateBasis basis={plan.gates.supplement.basis} />
            </li>
          ) : null}
          {plan.gates.postSigningReport && plan.stages.some((s) => s.stage === 'SIGNING') ? (
            <li>
              {t('plan.gate.postSigningReport', { clock: clockLabel(t, plan.gates.postSigningReport) })}
              <GateBasis basis={plan.gates.postSigningReport.basis} />
            </li>
          ) : null}
        </ul>
      ) : null}
      {plan.amendments?.length ? (
        <div className="plan-amendments">
          <Sub>{t('plan.amendments')}</Sub>
          <ul>
            {plan.amendments.map((a, i) => (
              <li key={i}>
                <DateTime value={a.at} />{' '}
                {a.addedConsultees?.length
                  ? t('plan.amendment.added', {
                      name: a.by.fullName,
                      consultees: a.addedConsultees
                        .map((c) =>
                          consulteeLabel(t, { candidateAgency: c.agency, ...(c.externalBody ? { externalBody: c.externalBody } : {}) }),
                        )
                        .join(', '),
                    })
                  : null}
                {a.procedure ? (
                  <>
                    {a.addedConsultees?.length ? '; ' : ''}
                    {t('plan.amendment.procedure', { name: a.by.fullName })}
                  </>
                ) : null}
                {a.comment ? <span className="muted"> — {t('plan.amendment.comment', { comment: a.comment })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** The legal citation (or "policy") a gate rests on. */
function GateBasis({ basis }: { basis?: string }) {
  const { t } = useTranslation();
  return basis ? <span className="muted small plan-basis"> ({t('plan.basis', { basis })})</span> : null;
}
