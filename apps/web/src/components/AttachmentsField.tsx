import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey, upload as uploadFile } from '../lib/api';
import { problemMessage } from '../lib/problem-message';
import type { AttachmentRef } from '../lib/types';
import { useProblemI18n } from '../lib/use-problem-i18n';
import { FieldError, FieldHint, fieldId } from './form';
import { AttachmentList } from './AttachmentList';

const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** Uploads each chosen file at once (POST /attachments); the dossier pins them by id and SHA-256. */
export function AttachmentsField({
  value,
  onChange,
  error,
}: {
  value: AttachmentRef[];
  onChange: (v: AttachmentRef[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const problemI18n = useProblemI18n();
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
      setUploadError(
        err instanceof ApiError ? problemMessage(problemI18n, { ...err.problem, status: err.status }) : problemI18n.t('error.generic'),
      );
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
        <FieldHint path="attachmentIds" hint={t('hint.attachments')} />
        <input
          id={id}
          type="file"
          multiple
          accept={ACCEPT}
          aria-describedby={`${id}-hint${message ? ` ${id}-error` : ''}`}
          disabled={busy}
          onChange={(e) => void upload(e.target.files).then(() => (e.target.value = ''))}
        />
        {busy ? (
          <div className="upload-progress">
            <p role="status" className="muted">
              {progress
                ? t('attachments.uploadingFile', { name: progress.name, index: progress.index, count: progress.count })
                : t('attachments.uploading')}
            </p>
            {progress ? (
              <progress
                max={100}
                value={Math.round(progress.fraction * 100)}
                aria-label={t('attachments.progress', { name: progress.name })}
              >
                {Math.round(progress.fraction * 100)} %
              </progress>
            ) : null}
          </div>
        ) : null}
        <FieldError path="attachmentIds" error={message} />
      </div>
      {value.length ? <AttachmentList attachments={value} onRemove={(a) => onChange(value.filter((x) => x.id !== a.id))} /> : null}
    </fieldset>
  );
}
