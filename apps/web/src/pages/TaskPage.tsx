import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AttachmentsField } from '../components/AttachmentsField';
import { Checkbox, ErrorSummary, FieldError, TextField, fieldId, useIssueText } from '../components/form';
import { ProposalFields } from '../components/ProposalFields';
import { Alert, DateTime, PageTitle, ProblemAlert, SlaBadge, StatusBadge } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { DossierChanges } from '../components/DossierChanges';
import { DossierView } from '../components/DossierView';
import { OpinionSummary } from '../components/OpinionSummary';
import { PlanView } from '../components/PlanView';
import { latestOpinions } from '../lib/opinions';
import { useSession } from '../auth/session';
import { ApiError, api, newIdempotencyKey } from '../lib/api';
import { parseDisplayDate, parseTime, vnDateTimeToIso, vnNow } from '../lib/format';
import { agencyLabel, clockLabel, consulteeLabel, label } from '../lib/labels';
import { allFields, isActive, type FormValue, type FormValues, type Kind } from '../lib/proposal-schema';
import type { AttachmentRef, ProposalDetail, Task } from '../lib/types';
import { serverIssues, toBody, validateValues, valuesFromDossier, type Issue } from '../lib/validation';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';
import { CONSULTED_CENTRAL_BODIES } from '@accord/domain/routing/routing-policy';
import { provinceAgency } from '@accord/domain/provinces/province-agencies';

interface Signatory {
  name: string;
  title: string;
  party: string;
}

/** Signing record limits (tasks/dto.ts SigningDto, SignatoryDto). */
const SIGNING_LIMITS = { place: 300, name: 200, title: 200, party: 300, number: 64, signatories: 20 };

function validateSigning(
  s: { date: string; time: string; place: string; number: string; signatories: Signatory[] },
  now = new Date(),
): Issue[] {
  const issues: Issue[] = [];
  const iso = vnDateTimeToIso(s.date, s.time);
  if (!parseDisplayDate(s.date)) issues.push({ field: 'signing.signedAt', key: s.date.trim() ? 'validation.date' : 'validation.required' });
  else if (parseTime(s.time) === null) issues.push({ field: 'signing.signedAt.time', key: 'validation.time' });
  else if (iso && Date.parse(iso) > now.getTime()) issues.push({ field: 'signing.signedAt', key: 'validation.notFuture' });
  if (!s.place.trim()) issues.push({ field: 'signing.place', key: 'validation.required' });
  else if (s.place.length > SIGNING_LIMITS.place)
    issues.push({ field: 'signing.place', key: 'validation.maxLength', params: { max: SIGNING_LIMITS.place } });
  if (s.number.length > SIGNING_LIMITS.number)
    issues.push({ field: 'signing.agreementNumber', key: 'validation.maxLength', params: { max: SIGNING_LIMITS.number } });
  if (s.signatories.length === 0) issues.push({ field: 'signing.signatories', key: 'validation.chooseAtLeastOne' });
  s.signatories.forEach((sig, i) => {
    for (const key of ['name', 'title', 'party'] as const) {
      const max = SIGNING_LIMITS[key];
      if (!sig[key].trim()) issues.push({ field: `signing.signatories.${i}.${key}`, key: 'validation.required' });
      else if (sig[key].length > max)
        issues.push({ field: `signing.signatories.${i}.${key}`, key: 'validation.maxLength', params: { max } });
    }
  });
  return issues;
}

/**
 * The form records the signing time to the minute; the api wants an instant that is neither in the future nor
 * before the approval. Take the last moment of that minute that has already passed (now, for the current
 * minute), so "signed just now" after an approval earlier in the same minute is accepted.
 */
function signedAtInstant(date: string, time: string, now = Date.now()): string | null {
  const iso = vnDateTimeToIso(date, time);
  if (!iso) return null;
  return new Date(Math.min(Date.parse(iso) + 59_999, now)).toISOString();
}

/** One task: its decision form beside the proposal's dossier. */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const session = useSession();
  const issueText = useIssueText();
  const task = useAsync((signal) => api.get<Task>(`/tasks/${id}`, { signal }), [id]);
  const proposalId = task.data?.proposalId;
  const proposal = useAsync(
    (signal) => (proposalId ? api.get<ProposalDetail>(`/proposals/${proposalId}`, { signal }) : Promise.resolve(undefined)),
    [proposalId],
  );

  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ decision: string; status: string } | null>(null);
  const [changes, setChanges] = useState<FormValues | null>(null);
  const [attachments, setAttachments] = useState<AttachmentRef[]>([]);
  // INTAKE_CHECK with COMPLETE: consultees the intake officer adds, and refusing a shortened-procedure request.
  const [consultees, setConsultees] = useState('');
  const [refuseShortened, setRefuseShortened] = useState(false);
  const [signing, setSigning] = useState(() => ({
    ...vnNow(),
    place: '',
    number: '',
    signatories: [{ name: '', title: '', party: '' }] as Signatory[],
  }));
  const idempotencyKey = useRef(newIdempotencyKey());
  const doneRef = useRef<HTMLDivElement>(null);

  const p = proposal.data;
  const kind = p?.kind as Kind | undefined;
  const latest = p?.dossierVersions[p.dossierVersions.length - 1];
  useEffect(() => {
    if (p && latest && kind && !changes)
      setChanges(valuesFromDossier(kind, latest.content, { procedure: p.procedure, urgency: p.urgency }));
  }, [p, latest, kind, changes]);
  useEffect(() => {
    if (task.data?.allowedDecisions.length === 1) setDecision(task.data.allowedDecisions[0]!);
  }, [task.data]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const labelOf = useMemo(
    () => (path: string) => {
      if (path === 'decision') return t('task.decision');
      if (path === 'comment') return t('task.comment');
      if (path === 'addConsultees') return t('task.addConsultees');
      if (path === 'procedure') return t('task.refuseShortened');
      const sig = /^signing\.signatories\.(\d+)\.(name|title|party)$/.exec(path);
      if (sig) return `${t(`signing.sig.${sig[2]}`)} (${t('signing.signatoryN', { n: Number(sig[1]) + 1 })})`;
      if (path.startsWith('signing.')) return t(`signing.field.${path.slice('signing.'.length)}`, { defaultValue: path });
      return t(`field.${path}`, { defaultValue: path });
    },
    [t],
  );

  const form = useSubmit(() => sendDecision(), {
    onSuccess: (res) => {
      setDone({ decision: res.task.decision ?? decision, status: res.proposal.status });
      task.reload();
      proposal.reload();
    },
    // addConsultees.N.agency and the like belong to the one consultees field.
    onFieldErrors: (errors, code) =>
      setIssues(
        serverIssues(errors, 'changes.', code).map((i) => (i.field.startsWith('addConsultees') ? { ...i, field: 'addConsultees' } : i)),
      ),
    // A refused or failed attempt decided nothing: the next attempt is a new request.
    onError: () => {
      idempotencyKey.current = newIdempotencyKey();
    },
  });

  if (!task.data) return <AsyncStatus state={task} focus />;
  const tk = task.data;
  const user = session?.user;
  const isCandidate = user?.agency?.code === tk.candidateAgency.code;
  const heldByOther = tk.assignee && tk.assignee.id !== user?.id;

  async function claim(action: 'claim' | 'unclaim') {
    setProblem(null);
    form.clear();
    try {
      await api.post(`/tasks/${id}/${action}`);
      task.reload();
    } catch (err) {
      setProblem(err as ApiError);
    }
  }

  /** The decision's body, or nothing when the form's own checks found problems (the error summary lists them). */
  function sendDecision() {
    setProblem(null);
    const found: Issue[] = [];
    if (!(tk.allowedDecisions as readonly string[]).includes(decision)) found.push({ field: 'decision', key: 'validation.choose' });
    if (comment.length > 20_000) found.push({ field: 'comment', key: 'validation.maxLength', params: { max: 20_000 } });
    const body: Record<string, unknown> = { decision };
    if (comment.trim()) body.comment = comment.trim();
    if (decision === 'RESUBMIT' && kind && changes) {
      found.push(
        ...validateValues(kind, changes).filter((i) => i.field !== 'procedure' && i.field !== 'urgency' && i.field !== 'shortenedReason'),
      );
      const full = toBody(kind, changes);
      body.changes = {
        title: full.title,
        summary: full.summary,
        details: full.details,
        ...(attachments.length ? { attachmentIds: [...(latest?.content.attachmentIds ?? []), ...attachments.map((a) => a.id)] } : {}),
      };
    }
    if (decision === 'SIGNED') {
      found.push(...validateSigning(signing));
      body.signing = {
        signedAt: signedAtInstant(signing.date, signing.time),
        place: signing.place.trim(),
        signatories: signing.signatories.map((s) => ({ name: s.name.trim(), title: s.title.trim(), party: s.party.trim() })),
        ...(signing.number.trim() ? { agreementNumber: signing.number.trim() } : {}),
      };
    }
    if (attachments.length && decision !== 'RESUBMIT') body.attachmentIds = attachments.map((a) => a.id);
    if (tk.kind === 'INTAKE_CHECK' && decision === 'COMPLETE') {
      const added = parseConsultees(consultees, user?.province);
      if (added.length) body.addConsultees = added;
      if (refuseShortened) body.procedure = 'STANDARD';
    }
    setIssues(found);
    if (found.length) return undefined;
    return api.post<{ task: Task; proposal: { id: string; status: string } }>(`/tasks/${id}/complete`, body, {
      idempotencyKey: idempotencyKey.current,
    });
  }

  const errorOf = (field: string) => {
    const i = issues.find((x) => x.field === field);
    return i ? issueText(i) : undefined;
  };
  /** An edited field is no longer wrong until the next send says so. */
  const edited = (field: string) => {
    if (issues.some((i) => i.field === field)) setIssues((list) => list.filter((i) => i.field !== field));
  };
  const setSign = (field: 'date' | 'time' | 'place' | 'number', path: string) => (v: string) => {
    edited(path);
    setSigning((s) => ({ ...s, [field]: v }));
  };
  const setSig = (i: number, key: keyof Signatory, v: string) => {
    edited(`signing.signatories.${i}.${key}`);
    setSigning((s) => ({ ...s, signatories: s.signatories.map((x, j) => (j === i ? { ...x, [key]: v } : x)) }));
  };
  const title = `${label(t, 'taskKind', tk.kind)} — ${tk.proposalReference}`;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/inbox">{t('task.back')}</Link>
      </p>
      <PageTitle title={title}>
        {label(t, 'taskKind', tk.kind)}
        {tk.externalBody ? `: ${consulteeLabel(t, tk)}` : ''} <span className="reference">{tk.proposalReference}</span>
      </PageTitle>
      <p className="lead">{tk.proposalTitle}</p>
      <dl className="meta-grid">
        <div>
          <dt>{t('task.agency')}</dt>
          <dd>{agencyLabel(t, tk.candidateAgency.code, tk.candidateAgency.name)}</dd>
        </div>
        <div>
          <dt>{t('task.deadline')}</dt>
          <dd>
            {tk.status === 'OPEN' ? <SlaBadge task={tk} /> : <DateTime value={tk.dueAt} />}
            <div className="muted small">{clockLabel(t, tk.clock)}</div>
          </dd>
        </div>
        <div>
          <dt>{t('task.assignee')}</dt>
          <dd>
            {tk.assignee?.fullName ?? <span className="muted">{t('inbox.unassigned')}</span>}
            {tk.status === 'OPEN' && isCandidate && !tk.assignee ? (
              <button type="button" className="link-button" onClick={() => void claim('claim')}>
                {t('task.claim')}
              </button>
            ) : null}
            {tk.status === 'OPEN' && tk.assignee?.id === user?.id ? (
              <button type="button" className="link-button" onClick={() => void claim('unclaim')}>
                {t('task.unclaim')}
              </button>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('proposal.status')}</dt>
          <dd>{p ? <StatusBadge status={p.status} /> : null}</dd>
        </div>
      </dl>
      <div className="two-columns task-layout">
        <section className="column-main decision-panel" aria-labelledby="decision-title">
          <h2 id="decision-title">{t('task.formTitle')}</h2>
          {done ? (
            <div ref={doneRef} tabIndex={-1} className="alert alert-success" role="status">
              <strong>{t('task.done', { decision: label(t, 'decision', done.decision) })}</strong>
              <p>{t('task.doneStatus', { status: label(t, 'status', done.status) })}</p>
              <p>
                <Link to="/inbox">{t('task.back')}</Link> · <Link to={`/proposals/${tk.proposalId}`}>{t('task.openProposal')}</Link>
              </p>
            </div>
          ) : null}
          {tk.status !== 'OPEN' && !done ? (
            <Alert kind="info">
              {t('task.closed', { status: label(t, 'taskStatus', tk.status) })}
              {tk.decision ? ` ${label(t, 'decision', tk.decision)}` : ''}
              {tk.completedBy ? ` — ${tk.completedBy.fullName}` : ''}
              {tk.completedOnBehalfOf ? ` (${t('timeline.onBehalfOf', { name: tk.completedOnBehalfOf.fullName })})` : ''}{' '}
              {tk.completedAt ? <DateTime value={tk.completedAt} /> : null}
              {tk.comment ? <p className="prewrap">{tk.comment}</p> : null}
            </Alert>
          ) : null}
          {tk.status === 'OPEN' && tk.clock.paused ? (
            <Alert kind="warning">{t('task.paused', { reason: tk.clock.reason ?? '' })}</Alert>
          ) : null}
          {tk.status === 'OPEN' && heldByOther ? <Alert kind="info">{t('task.heldBy', { name: tk.assignee!.fullName })}</Alert> : null}
          <ProblemAlert error={form.error ?? problem} focus />
          {tk.status === 'OPEN' && !done ? (
            <form onSubmit={form.onSubmit} noValidate>
              <ErrorSummary issues={issues} labelOf={labelOf} version={form.attempt} />
              <fieldset
                className={`field radio-group${errorOf('decision') ? ' field-invalid' : ''}`}
                aria-describedby={errorOf('decision') ? `${fieldId('decision')}-error` : undefined}
              >
                <legend>
                  {t('task.decision')}{' '}
                  <span className="required" aria-hidden="true">
                    *
                  </span>
                </legend>
                {tk.allowedDecisions.map((d, i) => (
                  <label key={d} className={`radio decision-option decision-${d}`}>
                    <input
                      type="radio"
                      name="decision"
                      id={i === 0 ? fieldId('decision') : `${fieldId('decision')}-${d}`}
                      value={d}
                      checked={decision === d}
                      onChange={() => {
                        edited('decision');
                        setDecision(d);
                      }}
                    />
                    <span>
                      {label(t, 'decision', d)}
                      {i18n.exists(`decisionHelp.${d}`) ? (
                        <span className="muted small decision-help"> {t(`decisionHelp.${d}`)}</span>
                      ) : null}
                    </span>
                  </label>
                ))}
                <FieldError path="decision" error={errorOf('decision')} />
              </fieldset>
              {decision === 'RESUBMIT' && kind && changes ? (
                <div className="changes">
                  <h3>{t('task.changesTitle')}</h3>
                  <p className="hint">{t('task.changesHelp')}</p>
                  <ProposalFields
                    kind={kind}
                    values={changes}
                    common="titleOnly"
                    issues={issues}
                    onChange={(path: string, v: FormValue) => {
                      const next = { ...changes, [path]: v };
                      edited(path);
                      // A field the new answer hides (the related agreement of a SIGN) has no error to show either.
                      for (const f of allFields(kind)) if (!isActive(f, next)) edited(f.path);
                      setChanges(next);
                    }}
                  />
                </div>
              ) : null}
              {decision === 'SIGNED' ? (
                <fieldset className="form-section signing">
                  <legend>{t('signing.title')}</legend>
                  <div className="inline-fields">
                    <TextField
                      path="signing.signedAt"
                      label={t('signing.field.signedAt')}
                      hint={t('hint.date')}
                      value={signing.date}
                      onChange={setSign('date', 'signing.signedAt')}
                      error={errorOf('signing.signedAt')}
                      required
                      inputMode="numeric"
                    />
                    <TextField
                      path="signing.signedAt.time"
                      label={t('signing.field.time')}
                      hint={t('hint.time')}
                      value={signing.time}
                      onChange={setSign('time', 'signing.signedAt.time')}
                      error={errorOf('signing.signedAt.time')}
                      required
                      inputMode="numeric"
                    />
                  </div>
                  <TextField
                    path="signing.place"
                    label={t('signing.field.place')}
                    value={signing.place}
                    onChange={setSign('place', 'signing.place')}
                    error={errorOf('signing.place')}
                    required
                  />
                  <TextField
                    path="signing.agreementNumber"
                    label={t('signing.field.agreementNumber')}
                    value={signing.number}
                    onChange={setSign('number', 'signing.agreementNumber')}
                    error={errorOf('signing.agreementNumber')}
                    optional
                  />
                  <fieldset className="signatories" id={fieldId('signing.signatories')} tabIndex={-1}>
                    <legend>{t('signing.field.signatories')}</legend>
                    {errorOf('signing.signatories') ? <div className="field-error">{errorOf('signing.signatories')}</div> : null}
                    {signing.signatories.map((sig, i) => (
                      <div key={i} className="signatory" role="group" aria-label={t('signing.signatoryN', { n: i + 1 })}>
                        <TextField
                          path={`signing.signatories.${i}.name`}
                          label={t('signing.sig.name')}
                          value={sig.name}
                          onChange={(v) => setSig(i, 'name', v)}
                          error={errorOf(`signing.signatories.${i}.name`)}
                          required
                        />
                        <TextField
                          path={`signing.signatories.${i}.title`}
                          label={t('signing.sig.title')}
                          value={sig.title}
                          onChange={(v) => setSig(i, 'title', v)}
                          error={errorOf(`signing.signatories.${i}.title`)}
                          required
                        />
                        <TextField
                          path={`signing.signatories.${i}.party`}
                          label={t('signing.sig.party')}
                          value={sig.party}
                          onChange={(v) => setSig(i, 'party', v)}
                          error={errorOf(`signing.signatories.${i}.party`)}
                          required
                        />
                        {signing.signatories.length > 1 ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => setSigning((s) => ({ ...s, signatories: s.signatories.filter((_, j) => j !== i) }))}
                          >
                            {t('signing.remove', { n: i + 1 })}
                          </button>
                        ) : null}
                      </div>
                    ))}
                    {signing.signatories.length < SIGNING_LIMITS.signatories ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => setSigning((s) => ({ ...s, signatories: [...s.signatories, { name: '', title: '', party: '' }] }))}
                      >
                        {t('signing.add')}
                      </button>
                    ) : null}
                  </fieldset>
                </fieldset>
              ) : null}
              {tk.kind === 'INTAKE_CHECK' && decision === 'COMPLETE' ? (
                <>
                  <TextField
                    path="addConsultees"
                    label={t('task.addConsultees')}
                    hint={t('task.addConsulteesHelp')}
                    value={consultees}
                    onChange={setConsultees}
                    error={errorOf('addConsultees')}
                    optional
                  />
                  {p?.procedure === 'SHORTENED' ? (
                    <Checkbox
                      path="procedure"
                      label={t('task.refuseShortened')}
                      checked={refuseShortened}
                      onChange={setRefuseShortened}
                      error={errorOf('procedure')}
                    />
                  ) : null}
                </>
              ) : null}
              <TextField
                path="comment"
                label={
                  tk.kind === 'EXTERNAL_OPINION' || tk.kind === 'PM_CONSENT' || tk.kind === 'CENTRAL_DECISION'
                    ? t('task.commentExternal')
                    : t('task.comment')
                }
                value={comment}
                onChange={setComment}
                multiline
                error={errorOf('comment')}
                optional
              />
              <AttachmentsField value={attachments} onChange={setAttachments} />
              <div className="form-actions">
                <button type="submit" className="button button-primary" disabled={form.busy || !isCandidate}>
                  {form.busy ? t('common.working') : t('task.submit')}
                </button>
                {!isCandidate ? <span className="muted">{t('task.notCandidate')}</span> : null}
              </div>
            </form>
          ) : null}
        </section>
        <aside className="column-side dossier-panel" aria-labelledby="task-dossier">
          <h2 id="task-dossier">{t('proposal.dossier')}</h2>
          <AsyncStatus state={proposal} />
          {p && latest && kind ? (
            <>
              <p>
                <Link to={`/proposals/${p.id}`}>{t('task.openProposal')}</Link>
              </p>
              {latestOpinions(p.tasks, p.decisions).length ? (
                <OpinionSummary tasks={p.tasks} decisions={p.decisions} headingLevel={3} />
              ) : null}
              <h3>{t('proposal.version', { version: latest.version })}</h3>
              <DossierView kind={kind} version={latest} procedure={p.procedure} urgency={p.urgency} />
              <DossierChanges kind={kind} versions={p.dossierVersions} headingLevel={3} />
              <PlanView plan={p.plan} headingLevel={3} />
            </>
          ) : null}
        </aside>
      </div>
    </div>
  );
}

/** `HT-BCHQS, MND` -> ['HT-BCHQS', {agency: 'HT-SNGV', externalBody: 'MND'}] (the SNGV of the caller's province). */
export function parseConsultees(text: string, province = 'HT'): (string | { agency: string; externalBody: string })[] {
  return (
    text
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean)
      // Central bodies whose answers the province's SNGV records (docs/api.md "Routing corrections").
      .map((code) =>
        (CONSULTED_CENTRAL_BODIES as readonly string[]).includes(code)
          ? { agency: provinceAgency(province, 'SNGV'), externalBody: code }
          : code,
      )
  );
}
