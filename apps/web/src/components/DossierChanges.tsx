import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDossiers, type FieldChange } from '../lib/dossier-diff';
import type { Kind } from '../lib/proposal-schema';
import type { DossierVersion } from '../lib/types';
import { DataTable } from './DataTable';
import { valueText } from '../lib/dossier-value';
import { AttachmentList } from './AttachmentList';

type T = ReturnType<typeof useTranslation>['t'];

/** One side of a change: the words kept and those this side alone has, marked <del> (before) or <ins> (after). */
function Side({ change, side }: { change: FieldChange; side: 'before' | 'after' }) {
  const { t, i18n } = useTranslation();
  const value = change[side];
  if (change.words) {
    const own = side === 'before' ? 'REMOVED' : 'ADDED';
    const Mark = side === 'before' ? 'del' : 'ins';
    return (
      <span className="prewrap">
        {change.words
          .filter((w) => w.op === 'SAME' || w.op === own)
          .map((w, i) =>
            w.op === 'SAME' ? (
              <span key={i}>{w.text}</span>
            ) : (
              <Mark key={i} className={`diff-${side}`}>
                <span className="visually-hidden">{t(side === 'before' ? 'diff.removedText' : 'diff.addedText')} </span>
                {w.text}
              </Mark>
            ),
          )}
      </span>
    );
  }
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length))
    return <span className="muted">—</span>;
  const text = change.spec ? valueText(t, i18n.language, change.spec, value) : typeof value === 'string' ? value : JSON.stringify(value);
  return <span className={`prewrap diff-whole diff-${side}`}>{text}</span>;
}

const fieldLabel = (t: T, change: FieldChange) => (change.spec ? t(`field.${change.path}`) : change.path);

/**
 * What changed between two dossier versions, field by field, with the words added and removed inside texts; the
 * reader picks the two versions (by default the one before the latest, and the latest).
 */
export function DossierChanges({ kind, versions, headingLevel = 3 }: { kind: Kind; versions: DossierVersion[]; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const id = useId();
  const last = versions.length - 1;
  const [fromIndex, setFromIndex] = useState(Math.max(0, last - 1));
  const [toIndex, setToIndex] = useState(last);
  if (versions.length < 2) return null;
  const H = `h${headingLevel}` as 'h3' | 'h4';
  const [older, newer] = fromIndex <= toIndex ? [versions[fromIndex]!, versions[toIndex]!] : [versions[toIndex]!, versions[fromIndex]!];
  const diff = diffDossiers(kind, older, newer);
  const nothing = !diff.fields.length && !diff.attachmentsAdded.length && !diff.attachmentsRemoved.length;
  const options = versions.map((v, i) => (
    <option key={v.version} value={i}>
      {t('proposal.version', { version: v.version })}
    </option>
  ));

  return (
    <section className="dossier-changes" aria-labelledby={`${id}-title`}>
      <H id={`${id}-title`}>{t('diff.title')}</H>
      <div className="diff-pick">
        <label htmlFor={`${id}-from`}>{t('diff.from')}</label>
        <select id={`${id}-from`} value={fromIndex} onChange={(e) => setFromIndex(Number(e.target.value))}>
          {options}
        </select>
        <label htmlFor={`${id}-to`}>{t('diff.to')}</label>
        <select id={`${id}-to`} value={toIndex} onChange={(e) => setToIndex(Number(e.target.value))}>
          {options}
        </select>
      </div>
      {older === newer ? (
        <p className="muted">{t('diff.sameVersion')}</p>
      ) : nothing ? (
        <p className="muted">{t('diff.none', { from: older.version, to: newer.version })}</p>
      ) : (
        <>
          {diff.fields.length ? (
            <DataTable
              className="diff-table"
              caption={t('diff.caption', { from: older.version, to: newer.version })}
              rows={diff.fields}
              rowKey={(c) => c.path}
              rowProps={(c) => ({ 'data-path': c.path, 'data-change': c.change })}
              columns={[
                {
                  header: t('diff.col.field'),
                  rowHeader: true,
                  cell: (c) => (
                    <>
                      {fieldLabel(t, c)}
                      <span className="muted small diff-kind"> · {t(`diff.change.${c.change}`)}</span>
                    </>
                  ),
                },
                { header: t('proposal.version', { version: older.version }), cell: (c) => <Side change={c} side="before" /> },
                { header: t('proposal.version', { version: newer.version }), cell: (c) => <Side change={c} side="after" /> },
              ]}
            />
          ) : null}
          {diff.attachmentsAdded.length ? (
            <div className="diff-attachments" data-attachments="added">
              <p>{t('diff.attachmentsAdded')}</p>
              <AttachmentList attachments={diff.attachmentsAdded} />
            </div>
          ) : null}
          {diff.attachmentsRemoved.length ? (
            <div className="diff-attachments" data-attachments="removed">
              <p>{t('diff.attachmentsRemoved')}</p>
              <AttachmentList attachments={diff.attachmentsRemoved} />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
