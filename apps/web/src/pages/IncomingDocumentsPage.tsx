import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasRole, useSession } from '../auth/session';
import { FileField, SelectField } from '../components/form';
import { PagedTable } from '../components/PagedList';
import { Alert, DateTime, PageTitle, ProblemAlert } from '../components/ui';
import { api } from '../lib/api';
import { formatDate } from '../lib/format';
import { label } from '../lib/labels';
import type { IncomingDocument, IncomingStatus, User } from '../lib/types';
import { useFilters } from '../lib/use-filters';
import { usePaged } from '../lib/use-paged';
import { useSubmit } from '../lib/use-submit';

export const INCOMING_STATUSES: IncomingStatus[] = ['RECEIVED', 'ACCEPTED', 'REJECTED'];

/** Members of the province's foreign-affairs department (its SNGV) and ADMIN receive and answer edXML packages. */
export function mayReceiveEdxml(user: User | undefined | null): boolean {
  return hasRole(user, 'ADMIN') || (!!user?.agency && user.agency.code === `${user.province ?? 'HT'}-SNGV`);
}

/**
 * Incoming documents (văn bản đến, GET /incoming-documents): what other organs sent through the document exchange
 * axis as edXML packages, newest first, by status; the department receives a package a clerk got elsewhere.
 */
export function IncomingDocumentsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const receiver = mayReceiveEdxml(session?.user);
  const [filters, set, search] = useFilters(['status'] as const);
  const list = usePaged<IncomingDocument>('/incoming-documents', { status: filters.status, limit: 50 }, [search]);

  return (
    <div className="page">
      <PageTitle title={t('incoming.title')}>{t('incoming.title')}</PageTitle>
      <p>{t('incoming.intro')}</p>
      {receiver ? <EdxmlUploadForm onReceived={list.reload} /> : null}
      <div className="filters" role="group" aria-label={t('filters.label')}>
        <SelectField
          path="incoming-status"
          label={t('filters.status')}
          value={filters.status}
          onChange={(v) => set('status', v)}
          placeholder={t('filters.any')}
          options={INCOMING_STATUSES.map((s) => ({ value: s, label: label(t, 'incomingStatus', s) }))}
        />
      </div>
      <PagedTable
        list={list}
        empty={t('incoming.none')}
        caption={t('incoming.title')}
        captionHidden
        className="incoming-table"
        rowKey={(d) => d.id}
        rowProps={(d) => ({ 'data-incoming-status': d.status, 'data-code-number': d.codeNumber })}
        columns={[
          { header: t('incoming.col.receivedAt'), cell: (d) => <DateTime value={d.receivedAt} /> },
          { header: t('incoming.col.from'), cell: (d) => d.from.organName },
          { header: t('incoming.col.codeNumber'), cell: (d) => d.codeNumber },
          { header: t('incoming.col.date'), cell: (d) => formatDate(d.promulgationDate) },
          { header: t('incoming.col.subject'), cell: (d) => <Link to={`/incoming-documents/${d.id}`}>{d.subject}</Link>, rowHeader: true },
          { header: t('incoming.col.status'), cell: (d) => label(t, 'incomingStatus', d.status) },
        ]}
      />
    </div>
  );
}

/** POST /edxml/inbox with the chosen file as application/xml; the reader's refusals come back one per element. */
function EdxmlUploadForm({ onReceived }: { onReceived: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [received, setReceived] = useState<{ id: string } | null>(null);
  const path = 'edxmlPackage';
  const submit = useSubmit(
    () => {
      if (!file) return undefined;
      setReceived(null);
      return api.post<{ id: string; linkedDocumentId?: string; status: string }>(
        '/edxml/inbox',
        new Blob([file], { type: 'application/xml' }),
      );
    },
    {
      validate: () => ({ [path]: file ? undefined : t('incoming.chooseFile') }),
      onSuccess: (r) => {
        setReceived(r);
        onReceived();
      },
    },
  );
  const error = submit.fieldErrors[path];
  return (
    <section aria-labelledby="edxml-upload-title" className="card">
      <h2 id="edxml-upload-title">{t('incoming.uploadTitle')}</h2>
      <form onSubmit={submit.onSubmit} noValidate>
        <ProblemAlert error={submit.error} focus />
        {received ? (
          <Alert kind="success" focus>
            {t('incoming.received')} <Link to={`/incoming-documents/${received.id}`}>{t('incoming.open')}</Link>
          </Alert>
        ) : null}
        <FileField
          path={path}
          label={t('incoming.package')}
          hint={t('incoming.packageHint')}
          required
          accept=".xml,.edxml,application/xml,text/xml"
          error={error}
          onChange={setFile}
        />
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {submit.busy ? t('common.working') : t('incoming.upload')}
        </button>
      </form>
    </section>
  );
}
