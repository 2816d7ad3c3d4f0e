import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey, upload as uploadFile } from '../lib/api';
import { formatBytes } from '../lib/format';
import type { AttachmentRef } from '../lib/types';
import { fieldId } from './form';

const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** Uploads each chosen file at once (POST /attachments); the dossier pins them by id and SHA-256. */
export function AttachmentsField({ value, onChange, error }: { value: AttachmentRef[]; onChange: (v: AttachmentRef[]) => void; error?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  /** The file being sent and its fraction sent (0..1), for the progress bar. */
  const [progress, setProgress] = useState<{ name: string; index: number; count: number; fraction: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const id = fieldId('attachmentIds');

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setBusy(true);
    setUploadError(null);
    const added: AttachmentRef[] = [];
    try {
      const list = Array.from(files);
      for (const [index, file] of list.entries()) {
        const form = new FormData();
        form.append('file', file, file.name);
        setProgress({ name: file.name, index: index + 1, count: list.length, fraction: 0 });
        const onProgress = (fraction: number) => setProgress({ name: file.name, index: index + 1, count: list.length, fraction });
        added.push(await uploadFile<AttachmentRef>('/attachments', form, onProgress, { idempotencyKey: newIdempotencyKey() }));
      }
    } catch (err) {
      const e = err as ApiError;
      setUploadError(e.fieldErrors?.[0]?.message ?? e.problem?.detail ?? String(err));
    } finally {
      setBusy(false);
      setProgress(null);
      if (added.length) onChange([...value, ...added]);
    }
  }

  const message = uploadError ?? error;
  return (
    <fieldset className={`form-section${message ? ' field-invalid' : ''}`}>
      <legend>{t('section.attachments')}</legend>
      <div className="field">
        <label htmlFor={id}>
          {t('field.attachments')} <span className="optional">({t('form.optional')})</span>
        </label>
        <div className="hint" id={`${id}-hint`}>
          {t('hint.attachments')}
        </div>
        <input id={id} type="file" multiple accept={ACCEPT} aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`} disabled={busy} onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))} />
        {busy ? (
          <div className="upload-progress">
            <p role="status" className="muted">
              {progress ? t('attachments.uploadingFile', { name: progress.name, index: progress.index, count: progress.count }) : t('attachments.uploading')}
            </p>
            {progress ? (
              <progress max={100} value={Math.round(progress.fraction * 100)} aria-label={t('attachments.progress', { name: progress.name })}>
                {Math.round(progress.fraction * 100)} %
              </progress>
            ) : null}
          </div>
        ) : null}
        {message ? (
          <div className="field-error" id={`${id}-error`}>
            {message}
          </div>
        ) : null}
      </div>
      {value.length ? (
        <ul className="attachments">
          {value.map((a) => (
            <li key={a.id}>
              <span className="filename">{a.filename}</span> <span className="muted">{formatBytes(a.size)}</span>{' '}
              <code className="hash" title={a.sha256}>
                SHA-256 {a.sha256.slice(0, 12)}…
              </code>{' '}
              <button type="button" className="link-button" onClick={() => onChange(value.filter((x) => x.id !== a.id))} aria-label={t('attachments.remove', { name: a.filename })}>
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
