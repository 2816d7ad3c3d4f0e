import { useTranslation } from 'react-i18next';
import type { PagedState } from '../lib/use-paged';
import { ProblemAlert } from './ui';

/** Under a paged list: why the last "load more" failed, if it did, and the button while there are more pages. */
export function LoadMore({ list }: { list: Pick<PagedState<unknown>, 'hasMore' | 'moreError' | 'loadMore'> }) {
  const { t } = useTranslation();
  return (
    <>
      <ProblemAlert error={list.moreError} />
      {list.hasMore ? (
        <button type="button" className="button button-secondary" onClick={() => void list.loadMore()}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </>
  );
}
