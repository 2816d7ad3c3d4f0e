import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasRole, useSession } from '../auth/session';
import { AsyncStatus } from '../components/AsyncStatus';
import { DataTable } from '../components/DataTable';
import { SelectField } from '../components/form';
import { PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api, download } from '../lib/api';
import { formatDate } from '../lib/format';
import { agencyLabel, label } from '../lib/labels';
import type { DocumentRegister } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useFilters } from '../lib/use-filters';

/** The units of a province whose registers an auditor may open (`<province>-<unit>`, libs/domain province-agencies). */
const UNITS = ['UBND', 'SNGV', 'STP', 'SCT', 'SGDDT', 'BCHQS', 'CA', 'BDBP', 'VPUBND', 'SNV', 'STC'];

/** This calendar year in Vietnam (registers number from 1 every year, Asia/Ho_Chi_Minh). */
const thisYear = () => new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

/**
 * The outgoing-document register (sổ đăng ký văn bản đi, GET /registers/:agency/:year): the documents an agency
 * issued in a year in number order, and the same as CSV. Members read their own agency's; auditors any agency's.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const session = useSession();
  const user = session?.user;
  const auditor = hasRole(user, 'AUDITOR');
  const province = user?.province ?? 'HT';
  const [filters, set] = useFilters(['agency', 'year'] as const);
  const agency = filters.agency || user?.agency?.code || `${province}-UBND`;
  const year = Number(filters.year) || thisYear();
  const register = useAsync(
    (signal) => api.get<DocumentRegister>(`/registers/${encodeURIComponent(agency)}/${year}`, { signal }),
    [agency, year],
  );
  const [error, setError] = useState<ApiError | null>(null);

  const agencies = auditor ? UNITS.map((u) => `${province}-${u}`) : [agency];
  const years = Array.from({ length: 6 }, (_, i) => thisYear() - i);
  if (!years.includes(year)) years.push(year);

  async function exportCsv() {
    setError(null);
    try {
      await download(`/registers/${encodeURIComponent(agency)}/${year}?format=csv`, `register-${agency}-${year}.csv`);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <div className="page">
      <PageTitle title={t('register.title')}>{t('register.title')}</PageTitle>
      <p>{t('register.intro')}</p>
      <div className="filters" role="group" aria-label={t('filters.label')}>
        <SelectField
          path="register-agency"
          label={t('register.agency')}
          value={agency}
          onChange={(v) => set('agency', v)}
          options={agencies.map((code) => ({
            value: code,
            label: agencyLabel(t, code, code === user?.agency?.code ? user.agency.name : undefined),
          }))}
        />
        <SelectField
          path="register-year"
          label={t('register.year')}
          value={String(year)}
          onChange={(v) => set('year', v)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => void exportCsv()}>
          {t('register.exportCsv')}
        </button>
      </div>
      <ProblemAlert error={error} focus />
      <AsyncStatus state={register} />
      {register.data ? (
        <DataTable
          caption={t('register.caption', {
            agency: agencyLabel(t, register.data.agency.code, register.data.agency.name),
            year: register.data.year,
          })}
          className="register-table"
          rows={register.data.items}
          rowKey={(e) => e.documentId}
          rowProps={(e) => ({ 'data-code-number': e.codeNumber })}
          empty={t('register.empty')}
          columns={[
            { header: t('register.col.number'), cell: (e) => e.number, rowHeader: true },
            { header: t('register.col.codeNumber'), cell: (e) => e.codeNumber },
            { header: t('register.col.issuedOn'), cell: (e) => formatDate(e.issuedOn) },
            { header: t('register.col.type'), cell: (e) => label(t, 'documentType', e.type) },
            {
              header: t('register.col.subject'),
              cell: (e) => (e.proposalId ? <Link to={`/proposals/${e.proposalId}`}>{e.subject}</Link> : e.subject),
            },
            { header: t('register.col.signer'), cell: (e) => e.signerName ?? '—' },
            { header: t('register.col.recipients'), cell: (e) => e.recipients.join('; ') },
            { header: t('register.col.status'), cell: (e) => label(t, 'documentStatus', e.status) },
          ]}
        />
      ) : null}
    </div>
  );
}
