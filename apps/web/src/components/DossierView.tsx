import { useTranslation } from 'react-i18next';
import { valueText } from '../lib/dossier-value';
import { label } from '../lib/labels';
import { SECTIONS, valueAt, type Kind } from '../lib/proposal-schema';
import type { DossierVersion } from '../lib/types';
import { AttachmentList } from './AttachmentList';
import { DateTime } from './ui';

/** A dossier version as a definition list, sectioned like the form that produced it. */
export function DossierView({
  kind,
  version,
  procedure,
  urgency,
}: {
  kind: Kind;
  version: DossierVersion;
  procedure?: string;
  urgency?: string;
}) {
  const { t, i18n } = useTranslation();
  const content = version.content;
  return (
    <div className="dossier">
      <dl className="dossier-list">
        <dt>{t('field.title')}</dt>
        <dd>{content.title}</dd>
        <dt>{t('field.summary')}</dt>
        <dd className="prewrap">{content.summary}</dd>
        {procedure ? (
          <>
            <dt>{t('field.procedure')}</dt>
            <dd>{label(t, 'procedure', procedure)}</dd>
          </>
        ) : null}
        {urgency ? (
          <>
            <dt>{t('field.urgency')}</dt>
            <dd>{label(t, 'urgency', urgency)}</dd>
          </>
        ) : null}
      </dl>
      {(SECTIONS[kind] ?? []).map((section) => {
        const fields = section.fields.filter((f) => valueAt(content, f.path) !== undefined);
        if (!fields.length) return null;
        return (
          <section key={section.legend} className="dossier-section">
            <h4>{t(section.legend)}</h4>
            <dl className="dossier-list">
              {fields.map((f) => (
                <div key={f.path} className="dossier-row">
                  <dt>{t(`field.${f.path}`)}</dt>
                  <dd className="prewrap">{valueText(t, i18n.language, f, valueAt(content, f.path))}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      <section className="dossier-section">
        <h4>{t('dossier.attachments')}</h4>
        <AttachmentList attachments={version.attachments} />
      </section>
      <p className="muted small">
        {t('dossier.versionMeta', { version: version.version, by: version.createdBy.fullName })} <DateTime value={version.createdAt} /> ·{' '}
        <code title={version.hash}>{version.hash.slice(0, 16)}…</code>
      </p>
    </div>
  );
}
