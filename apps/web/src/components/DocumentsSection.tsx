import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useSession } from '../auth/session';
import { ApiError, api, download, newIdempotencyKey, upload } from '../lib/api';
import { formatDate } from '../lib/format';
import { agencyLabel, label } from '../lib/labels';
import type { OfficialDocument, User } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';
import { AsyncStatus } from './AsyncStatus';
import { FileField } from './form';
import { Alert, DateTime, Empty, ProblemAlert } from './ui';

/** A LEADER, AGENCY_HEAD or CLERK of the issuing agency numbers the document and records its signed copy (api: NOT_DOCUMENT_ISSUER). */
export function mayIssue(user: User | undefined, doc: Pick<OfficialDocument, 'issuer'>): boolean {
  return hasRole(user, 'LEADER', 'AGENCY_HEAD', 'CLERK') && user?.agency?.code === doc.issuer.code;
}

/** The file name a download falls back to when the api names none: `15-QD-UBND`, as the api names it. */
function baseName(doc: OfficialDocument): string {
  const ascii = (doc.codeNumber ?? `du-thao-${doc.notation}`)
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]+/g, '-');
  return ascii || doc.id;
}

/**
 * The official documents of a proposal (Decree 30/2020/NĐ-CP; GET /proposals/:id/documents): each one's number or
 * "not numbered yet", date, subject, status, signer and verified signature, with what the reader may do with it.
 */
export function DocumentsSection({ proposalId, canArchive }: { proposalId: string; canArchive: boolean }) {
  const { t } = useTranslation();
  const documents = useAsync(
    (signal) => api.get<{ items: OfficialDocument[] }>(`/proposals/${proposalId}/documents`, { signal }),
    [proposalId],
  );
  const [archiveError, setArchiveError] = useState<ApiError | null>(null);
  const [archiving, setArchiving] = useState(false);

  async function archive() {
    setArchiveError(null);
    setArchiving(true);
    try {
      await download(`/proposals/${proposalId}/archive`, `ho-so-${proposalId}.zip`);
    } catch (err) {
      setArchiveError(err as ApiError);
    } finally {
      setArchiving(false);
    }
  }

  return (
    <section aria-labelledby="documents-title" className="documents">
      <h2 id="documents-title">{t('documents.title')}</h2>
      <AsyncStatus state={documents} />
      {documents.data && !documents.data.items.length ? <Empty>{t('documents.none')}</Empty> : null}
      {documents.data?.items.map((doc) => (
        <DocumentCard key={doc.id} doc={doc} onChange={documents.reload} />
      ))}
      {canArchive ? (
        <div className="actions">
          <ProblemAlert error={archiveError} focus />
          <button type="button" className="button button-secondary" disabled={archiving} onClick={() => void archive()}>
            {archiving ? t('common.working') : t('documents.archive')}
          </button>
          <p className="hint">{t('documents.archiveHint')}</p>
        </div>
      ) : null}
    </section>
  );
}

export function DocumentCard({ doc, onChange }: { doc: OfficialDocument; onChange: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const issuer = mayIssue(session?.user, doc);
  const [error, setError] = useState<ApiError | null>(null);
  const [issuing, setIssuing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const headingId = `document-${doc.id}`;

  async function issue() {
    if (!window.confirm(t('documents.confirmIssue'))) return;
    setError(null);
    setNotice(null);
    setIssuing(true);
    try {
      const issued = await api.post<OfficialDocument>(`/documents/${doc.id}/issue`);
      setNotice(t('documents.issued', { codeNumber: issued.codeNumber ?? '' }));
      onChange();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setIssuing(false);
    }
  }

  async function get(path: string, fallback: string) {
    setError(null);
    try {
      await download(path, fallback);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <article
      className="card document-card"
      aria-labelledby={headingId}
      data-document-id={doc.id}
      data-document-status={doc.status}
      data-document-type={doc.type}
    >
      <div className="card-head">
        <h3 id={headingId}>
          {label(t, 'documentType', doc.type)}{' '}
          {doc.codeNumber ? (
            <span className="code-number">{doc.codeNumber}</span>
          ) : (
            <span className="muted">{t('documents.unnumbered')}</span>
          )}
        </h3>
        <span className={`badge document-status document-status-${doc.status}`}>{label(t, 'documentStatus', doc.status)}</span>
      </div>
      <dl className="meta-grid">
        <div>
          <dt>{t('documents.subject')}</dt>
          <dd>{doc.subject}</dd>
        </div>
        <div>
          <dt>{t('documents.issuer')}</dt>
          <dd>{agencyLabel(t, doc.issuer.code, doc.issuer.name)}</dd>
        </div>
        <div>
          <dt>{t('documents.issuedOn')}</dt>
          <dd>{doc.issuedOn ? `${doc.place}, ${formatDate(doc.issuedOn)}` : t('documents.notIssuedYet')}</dd>
        </div>
        <div>
          <dt>{t('documents.signer')}</dt>
          <dd>
            {doc.signer ? (
              <>
                {doc.signer.name}
                {doc.signer.title ? <span className="muted"> — {doc.signer.title}</span> : null}
                {doc.signer.authority ? <div className="muted small">{doc.signer.authority}</div> : null}
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        {doc.signature ? (
          <div className="signature-info">
            <dt>{t('documents.signature')}</dt>
            <dd>
              {doc.signature.subject}
              <div className="muted small">
                {t('documents.signatureIssuer', { issuer: doc.signature.issuer })} ·{' '}
                {t('documents.signatureSerial', { serial: doc.signature.serial })}
              </div>
              <div className="small">
                {t('documents.signedAt')} <DateTime value={doc.signature.signedAt} />
              </div>
              <div className="small" data-chain-trusted={doc.signature.chainTrusted}>
                {doc.signature.chainTrusted ? t('documents.chainTrusted') : t('documents.chainUntrusted')}
              </div>
            </dd>
          </div>
        ) : null}
      </dl>
      {doc.recipients.length ? (
        <details>
          <summary>{t('documents.recipients', { count: doc.recipients.length })}</summary>
          <ul>
            {doc.recipients.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <ProblemAlert error={error} focus />
      {notice ? (
        <Alert kind="success" focus>
          {notice}
        </Alert>
      ) : null}
      <div className="actions">
        {issuer && doc.status === 'DRAFT' ? (
          <button type="button" className="button button-primary" disabled={issuing} onClick={() => void issue()}>
            {issuing ? t('common.working') : t('documents.issue')}
          </button>
        ) : null}{' '}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void get(`/documents/${doc.id}/content?format=pdf`, `${baseName(doc)}.pdf`)}
        >
          {t('documents.downloadPdf')}
        </button>{' '}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void get(`/documents/${doc.id}/content?format=docx`, `${baseName(doc)}.docx`)}
        >
          {t('documents.downloadDocx')}
        </button>{' '}
        {doc.status !== 'DRAFT' ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void get(`/documents/${doc.id}/edxml`, `${baseName(doc)}.xml`)}
          >
            {t('documents.downloadEdxml')}
          </button>
        ) : null}
      </div>
      {issuer && doc.status === 'ISSUED' ? <SignedCopyForm doc={doc} onSigned={onChange} /> : null}
    </article>
  );
}

/** The PDF signed outside Accord (POST /documents/:id/signed-copy); a refusal says why by its code. */
function SignedCopyForm({ doc, onSigned }: { doc: OfficialDocument; onSigned: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const path = `signedCopy-${doc.id}`;
  const submit = useSubmit(
    () => {
      if (!file) return undefined;
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<OfficialDocument>(`/documents/${doc.id}/signed-copy`, form, setProgress, { idempotencyKey: newIdempotencyKey() });
    },
    {
      validate: () => ({ [path]: file ? undefined : t('documents.chooseSignedCopy') }),
      onSuccess: () => {
        setProgress(null);
        onSigned();
      },
      onError: () => setProgress(null),
    },
  );
  const error = submit.fieldErrors[path] ?? submit.fieldErrors.file;
  return (
    <form className="signed-copy-form" onSubmit={submit.onSubmit} noValidate>
      <ProblemAlert error={submit.error} focus />
      <FileField
        path={path}
        name="file"
        label={t('documents.signedCopy')}
        hint={t('documents.signedCopyHint')}
        required
        accept=".pdf,application/pdf"
        error={error}
        onChange={setFile}
      />
      {progress !== null ? <progress max={1} value={progress} aria-label={t('documents.uploading')} /> : null}
      <button type="submit" className="button button-secondary" disabled={submit.busy}>
        {submit.busy ? t('common.working') : t('documents.uploadSignedCopy')}
      </button>
    </form>
  );
}
