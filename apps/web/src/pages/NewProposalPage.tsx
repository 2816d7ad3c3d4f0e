import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AttachmentsField } from '../components/AttachmentsField';
import { ErrorSummary, useIssueText } from '../components/form';
import { ProposalFields } from '../components/ProposalFields';
import { Alert, PageTitle, ProblemAlert } from '../components/ui';
import { PlanView } from '../components/PlanView';
import { api, newIdempotencyKey } from '../lib/api';
import { label } from '../lib/labels';
import { PROPOSAL_KINDS, allFields, emptyValues, isActive, type FormValue, type FormValues, type Kind } from '../lib/proposal-schema';
import type { Agreement, AttachmentRef, FieldError, Page, Plan } from '../lib/types';
import { serverIssues, toBody, validateValues, type Issue } from '../lib/validation';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';

/** Submitter's form: pick the kind, fill the dossier, see the routing plan (dry run), then send. */
export function NewProposalPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<Kind>('INTERNATIONAL_AGREEMENT');
  const [values, setValues] = useState<FormValues>(() => emptyValues('INTERNATIONAL_AGREEMENT'));
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  const [issues, setIssues] = useState<Issue[]>([]);
  const issueText = useIssueText();
  const attachmentIssue = issues.find((i) => i.field.startsWith('attachmentIds'));
  const [plan, setPlan] = useState<Plan | null>(null);
  // One key per filled form: a double click or a retried request after a timeout creates one proposal.
  const idempotencyKey = useRef(newIdempotencyKey());
  const planRef = useRef<HTMLDivElement>(null);
  const agreements = useAsync(
    (signal) => api.get<Page<Agreement>>('/agreements?limit=200', { signal }).catch(() => ({ items: [], nextCursor: null })),
    [],
  );

  const change = (path: string, value: FormValue) => {
    const next = { ...values, [path]: value };
    setValues(next);
    // The preview described the old answers; the person must look at the plan of what they send.
    setPlan(null);
    // An answer changed clears its error, and so does a field the new answer hides (the related agreement of a SIGN).
    const hidden = new Set(
      allFields(kind)
        .filter((f) => !isActive(f, next))
        .map((f) => f.path),
    );
    if (issues.some((i) => i.field === path || hidden.has(i.field)))
      setIssues((list) => list.filter((i) => i.field !== path && !hidden.has(i.field)));
  };

  const body = useMemo(
    () => ({ ...toBody(kind, values), ...(attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {}) }),
    [kind, values, attachments],
  );

  function check(): boolean {
    const found = validateValues(kind, values);
    setIssues(found);
    return found.length === 0;
  }

  // A refusal's field errors go to the error summary (server field paths are the form's); other failures to the alert.
  const toIssues = (errors: FieldError[], code: string | undefined) => setIssues(serverIssues(errors, '', code));
  const preview = useSubmit(
    () => {
      create.clear();
      return check() ? api.post<{ plan: Plan }>('/proposals/preview', body) : undefined;
    },
    {
      onFieldErrors: toIssues,
      onSuccess: (res) => {
        setPlan(res.plan);
        requestAnimationFrame(() => planRef.current?.focus());
      },
    },
  );
  const create = useSubmit(
    () => {
      preview.clear();
      return check()
        ? api.post<{ id: string; reference: string; status: string }>('/proposals', body, { idempotencyKey: idempotencyKey.current })
        : undefined;
    },
    {
      onFieldErrors: toIssues,
      onError: () => setPlan(null),
      onSuccess: (created) => void navigate(`/proposals/${created.id}`, { state: { created: created.reference } }),
    },
  );
  const busy = preview.busy || create.busy;

  const labelOf = (path: string) => t(`field.${path}`, { defaultValue: path });
  return (
    <div className="page page-form">
      <PageTitle title={t('newProposal.title')}>{t('newProposal.title')}</PageTitle>
      <p className="lead">{t('newProposal.intro')}</p>
      <ErrorSummary issues={issues} labelOf={labelOf} version={preview.attempt + create.attempt} />
      <ProblemAlert error={preview.error ?? create.error} focus />
      <form onSubmit={preview.onSubmit} noValidate>
        <fieldset className="form-section kind-picker">
          <legend>{t('newProposal.kind')}</legend>
          <div className="kind-options">
            {PROPOSAL_KINDS.map((k) => (
              <label key={k} className={`kind-option${k === kind ? ' selected' : ''}`}>
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={k === kind}
                  onChange={() => {
                    setKind(k);
                    setValues((old) => ({
                      ...emptyValues(k),
                      title: old.title,
                      summary: old.summary,
                      procedure: old.procedure,
                      shortenedReason: old.shortenedReason ?? '',
                      urgency: old.urgency,
                    }));
                    setIssues([]);
                    setPlan(null);
                  }}
                />
                <span className="kind-name">{label(t, 'kind', k)}</span>
                <span className="kind-desc">{t(`kindHelp.${k}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <ProposalFields kind={kind} values={values} onChange={change} issues={issues} agreements={agreements.data?.items ?? []} />
        <AttachmentsField
          value={attachments}
          onChange={(v) => {
            setAttachments(v);
            setPlan(null);
          }}
          error={attachmentIssue ? issueText(attachmentIssue) : undefined}
        />
        {!plan ? (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('common.working') : t('newProposal.preview')}
            </button>
            <span className="muted">{t('newProposal.previewHelp')}</span>
          </div>
        ) : null}
      </form>
      {plan ? (
        <div className="preview-panel" ref={planRef} tabIndex={-1} aria-labelledby="plan-title">
          <Alert kind="info">{t('newProposal.previewReady')}</Alert>
          <PlanView plan={plan} />
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => create.onSubmit()}>
              {busy ? t('common.working') : t('newProposal.send')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setPlan(null)}>
              {t('newProposal.edit')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
