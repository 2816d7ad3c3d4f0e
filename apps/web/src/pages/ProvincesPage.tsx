import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncStatus } from '../components/AsyncStatus';
import { TextField } from '../components/form';
import { Alert, DateTime, PageTitle, ProblemAlert } from '../components/ui';
import { api } from '../lib/api';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';

interface Province {
  code: string;
  name: string;
  nameEn: string;
  createdAt: string;
}

const EMPTY = { code: '', name: '', nameEn: '', email: '', fullName: '', password: '' };

/**
 * The platform administrator's page (PLATFORM_ADMIN, docs/provinces.md): the provinces of this deployment, and a new
 * one with its first administrator. The api creates its core agencies and default policies in the same transaction.
 */
export function ProvincesPage() {
  const { t } = useTranslation();
  const provinces = useAsync((signal) => api.get<{ items: Province[] }>('/platform/provinces', { signal }), []);
  const [draft, setDraft] = useState(EMPTY);
  const [done, setDone] = useState('');
  const set = (field: keyof typeof EMPTY) => (value: string) => setDraft({ ...draft, [field]: value });

  const form = useSubmit(
    () =>
      api.post<Province>('/platform/provinces', {
        code: draft.code.trim().toUpperCase(),
        name: draft.name.trim(),
        nameEn: draft.nameEn.trim(),
        admin: { email: draft.email.trim(), fullName: draft.fullName.trim(), password: draft.password },
      }),
    {
      validate: () => {
        setDone('');
        const local: Record<string, string> = {};
        if (!/^[A-Za-z]{2,8}$/.test(draft.code.trim())) local.code = t('provinces.error.code');
        if (!draft.name.trim()) local.name = t('provinces.error.required');
        if (!draft.nameEn.trim()) local.nameEn = t('provinces.error.required');
        if (!draft.email.trim()) local['admin.email'] = t('provinces.error.required');
        if (!draft.fullName.trim()) local['admin.fullName'] = t('provinces.error.required');
        if (draft.password.length < 12) local['admin.password'] = t('provinces.error.password');
        return local;
      },
      onSuccess: (created) => {
        setDone(t('provinces.created', { name: created.name, code: created.code }));
        setDraft(EMPTY);
        provinces.reload();
      },
    },
  );

  return (
    <div className="page">
      <PageTitle title={t('provinces.title')}>{t('provinces.title')}</PageTitle>
      <p>{t('provinces.intro')}</p>
      <AsyncStatus state={provinces} />
      {provinces.data ? (
        <table className="table">
          <caption className="visually-hidden">{t('provinces.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('provinces.col.code')}</th>
              <th scope="col">{t('provinces.col.name')}</th>
              <th scope="col">{t('provinces.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {provinces.data.items.map((p) => (
              <tr key={p.code}>
                <td>{p.code}</td>
                <td>
                  {p.name} <span className="muted">({p.nameEn})</span>
                </td>
                <td>
                  <DateTime value={p.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ProblemAlert error={form.error} />
      <form className="card" onSubmit={form.onSubmit} noValidate aria-labelledby="province-form-title">
        <h2 id="province-form-title">{t('provinces.addTitle')}</h2>
        <div className="inline-form">
          <TextField
            path="code"
            label={t('provinces.code')}
            hint={t('provinces.codeHint')}
            value={draft.code}
            onChange={set('code')}
            error={form.fieldErrors.code}
            required
          />
          <TextField
            path="name"
            label={t('provinces.name')}
            value={draft.name}
            onChange={set('name')}
            error={form.fieldErrors.name}
            required
            placeholder="Tỉnh Quảng Trị"
          />
          <TextField
            path="nameEn"
            label={t('provinces.nameEn')}
            value={draft.nameEn}
            onChange={set('nameEn')}
            error={form.fieldErrors.nameEn}
            required
            placeholder="Quảng Trị Province"
          />
        </div>
        <h3>{t('provinces.adminTitle')}</h3>
        <div className="inline-form">
          <TextField
            path="admin.email"
            label={t('provinces.adminEmail')}
            value={draft.email}
            onChange={set('email')}
            error={form.fieldErrors['admin.email']}
            required
            type="email"
            autoComplete="off"
          />
          <TextField
            path="admin.fullName"
            label={t('provinces.adminName')}
            value={draft.fullName}
            onChange={set('fullName')}
            error={form.fieldErrors['admin.fullName']}
            required
          />
          <TextField
            path="admin.password"
            label={t('provinces.adminPassword')}
            hint={t('provinces.passwordHint')}
            value={draft.password}
            onChange={set('password')}
            error={form.fieldErrors['admin.password']}
            required
            type="password"
            autoComplete="new-password"
          />
        </div>
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {t('provinces.add')}
        </button>
      </form>
    </div>
  );
}
