import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading';

const CONTACT = 'pieejamiba@rda.lv';
const PREPARED_ON = '2026-11-28';

/** The accessibility statement required of public bodies (public page). */
export function AccessibilityPage() {
  const { t } = useTranslation();
  return (
    <article className="prose">
      <PageHeading title={t('a11y.title')} />
      <p className="lead">{t('a11y.intro')}</p>

      <h2>{t('a11y.statusTitle')}</h2>
      <p>{t('a11y.status')}</p>
      <p>{t('a11y.target')}</p>

      <h2>{t('a11y.evaluationTitle')}</h2>
      <p>{t('a11y.evaluation')}</p>
      <ul>
        <li>{t('a11y.evaluationAutomated')}</li>
        <li>{t('a11y.evaluationManual')}</li>
      </ul>

      <h2>{t('a11y.limitationsTitle')}</h2>
      <p>{t('a11y.limitations')}</p>

      <h2>{t('a11y.featuresTitle')}</h2>
      <ul>
        <li>{t('a11y.featureKeyboard')}</li>
        <li>{t('a11y.featureLanguage')}</li>
        <li>{t('a11y.featureZoom')}</li>
        <li>{t('a11y.featureErrors')}</li>
      </ul>

      <h2>{t('a11y.contactTitle')}</h2>
      <p>
        {t('a11y.contact')} <a href={`mailto:${CONTACT}`}>{CONTACT}</a>
      </p>

      <h2>{t('a11y.preparedTitle')}</h2>
      <p>
        {t('a11y.prepared')} <time dateTime={PREPARED_ON}>{t('a11y.preparedDate')}</time>
      </p>
    </article>
  );
}
