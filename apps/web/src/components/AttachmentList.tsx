import { useTranslation } from 'react-i18next';
import { formatBytes } from '../lib/format';
import type { AttachmentRef } from '../lib/types';

/** Attachments with size and hash; with `onRemove` (a form's own list), each gets a remove button. */
export function AttachmentList({
  attachments,
  onRemove,
}: {
  attachments: AttachmentRef[] | null | undefined;
  onRemove?: (a: AttachmentRef) => void;
}) {
  const { t } = useTranslation();
  if (!attachments?.length) return <p className="muted">{t('dossier.noAttachments')}</p>;
  return (
    <ul className="attachments">
      {attachments.map((a) => (
        <li key={a.id}>
          <span className="filename">{a.filename}</span> <span className="muted">{formatBytes(a.size)}</span>{' '}
          <code className="hash" title={a.sha256}>
            SHA-256 {a.sha256.slice(0, 12)}…
          </code>
          {onRemove ? (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onClick={() => onRemove(a)}
                aria-label={t('attachments.remove', { name: a.filename })}
              >
                {t('common.remove')}
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
