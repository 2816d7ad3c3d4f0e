import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../components/ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t('notFound.title')}>{t('notFound.title')}</PageTitle>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
