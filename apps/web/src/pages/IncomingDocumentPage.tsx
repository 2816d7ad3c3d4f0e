import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { AsyncStatus } from '../components/AsyncStatus';
import { TextField } from '../components/form';
import { Alert, DateTime, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api, download } from '../lib/api';
import { formatBytes, formatDate } from '../lib/format';
import { agencyLabel, label } from '../lib/labels';
import type { IncomingDocument } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';
import { mayReceiveEdxml } from './IncomingDocumentsPage';

/**
 * One incoming document (GET /incoming-documents/:id): who sent it, its number, date and subject, its files, the
 * proposal it answers; the department accepts it (tiếp nhận) or rejects it (từ chối tiếp nhận) with the reason the
 * sender gets back in the edXML status message.
 */
export function IncomingDocumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const doc = useAsync((signal) => api.get<IncomingDocument>(`/incoming-documents/${id}`, { signal }), [id]);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [accepting, setAccepting] = useState(false);
  const reject = useSubmit(() => api.post<IncomingDocument>(`/incoming-documents/${id}/reject`, { reason: reason.trim() }), {
    validate: () => ({ reason: reason.trim() ? undefined : t('validation.required') }),
    onSuccess: () => {
      setNotice(t('incoming.rejected'));
      doc.reload();
    },
  });

  async function accept() {
    setError(null);
    setNotice(null);
    reject.clear();
    setAccepting(true);
    try {
      await api.post<IncomingDocument>(`/incoming-documents/${id}/accept`);
      setNotice(t('incoming.accepted'));
      doc.reload();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setAccepting(false);
    }
  }

  async function statusMessage() {
    setError(null);
    try {
      await download(`/incoming-documents/${id}/edxml-status`, `trang-thai-${id}.xml`);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  if (!doc.data) return <AsyncStatus state={doc} focus />;
  const d = doc.data;
  const answerable = mayReceiveEdxml(session?.user) && d.status === 'RECEIVED';
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/incoming-documents">{t('incoming.back')}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="eyebrow">
            {d.documentType} · <span className="code-number">{d.codeNumber}</span>
          </p>
          <PageTitle title={`${d.codeNumber} ${d.subject}`}>{d.subject}</PageTitle>
        </div>
        <div className="status-box">
          <span className="muted">{t('incoming.col.status')}</span>{' '}
          <span className={`badge incoming-status incoming-status-${d.status}`} data-incoming-status={d.status}>
            {label(t, 'incomingStatus', d.status)}
          </span>
        </div>
      </div>
      <ProblemAlert error={error} focus />
      {notice ? (
        <Alert kind="success" focus>
          {notice}
        </Alert>
      ) : null}
      <dl className="meta-grid">
        <div>
          <dt>{t('incoming.col.from')}</dt>
          <dd>
            {d.from.organName} <span className="muted small">({d.from.organId})</span>
          </dd>
        </div>
        <div>
          <dt>{t('incoming.recipient')}</dt>
          <dd>{agencyLabel(t, d.recipient.code, d.recipient.name)}</dd>
        </div>
        <div>
          <dt>{t('incoming.col.codeNumber')}</dt>
          <dd>{d.codeNumber}</dd>
        </div>
        <div>
          <dt>{t('incoming.col.date')}</dt>
          <dd>
            {d.place}, {formatDate(d.promulgationDate)}
          </dd>
        </div>
        <div>
          <dt>{t('incoming.signer')}</dt>
          <dd>{d.signerName}</dd>
        </div>
        <div>
          <dt>{t('incoming.priority')}</dt>
          <dd>{label(t, 'documentPriority', d.priority)}</dd>
        </div>
        {d.dueDate ? (
          <div>
            <dt>{t('incoming.dueDate')}</dt>
            <dd>{formatDate(d.dueDate)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('incoming.col.receivedAt')}</dt>
          <dd>
            <DateTime value={d.receivedAt} />
          </dd>
        </div>
        {d.proposalId ? (
          <div>
            <dt>{t('incoming.answers')}</dt>
            <dd>
              <Link to={`/proposals/${d.proposalId}`}>{t('incoming.openProposal')}</Link>
            </dd>
          </div>
        ) : null}
        {d.statusAt ? (
          <div>
            <dt>{t('incoming.answeredBy')}</dt>
            <dd>
              {d.statusBy?.name ?? '—'} · <DateTime value={d.statusAt} />
            </dd>
          </div>
        ) : null}
        {d.statusReason ? (
          <div className="status-reason">
            <dt>{t('incoming.reason')}</dt>
            <dd className="prewrap">{d.statusReason}</dd>
          </div>
        ) : null}
      </dl>
      <section aria-labelledby="incoming-files">
        <h2 id="incoming-files">{t('incoming.attachments')}</h2>
        {d.attachments.length ? (
          <ul className="attachments">
            {d.attachments.map((a) => (
              <li key={a.sha256 + a.name}>
                <span className="filename">{a.name}</span> <span className="muted">{formatBytes(a.size)}</span>{' '}
                <code className="hash" title={a.sha256}>
                  SHA-256 {a.sha256.slice(0, 12)}…
                </code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('dossier.noAttachments')}</p>
        )}
      </section>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void statusMessage()}>
          {t('incoming.downloadStatus')}
        </button>
      </div>
      {answerable ? (
        <section aria-labelledby="incoming-answer" className="card">
          <h2 id="incoming-answer">{t('incoming.answer')}</h2>
          <div className="actions">
            <button type="button" className="button button-primary" disabled={accepting || reject.busy} onClick={() => void accept()}>
              {accepting ? t('common.working') : t('incoming.accept')}
            </button>
          </div>
          <form onSubmit={reject.onSubmit} noValidate className="danger-zone">
            <ProblemAlert error={reject.error} focus />
            <TextField
              path="reason"
              label={t('incoming.rejectReason')}
              hint={t('incoming.rejectReasonHint')}
              value={reason}
              onChange={setReason}
              multiline
              error={reject.fieldErrors.reason}
              required
            />
            <button type="submit" className="button button-danger" disabled={reject.busy || accepting}>
              {reject.busy ? t('common.working') : t('incoming.reject')}
            </button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
