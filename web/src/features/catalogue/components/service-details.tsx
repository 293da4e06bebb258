import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueService } from '../queries';

/** A catalogue entry's fields (Cabinet Regulation No. 399), each stated even when empty. */
export function ServiceDetails({ service }: { service: CatalogueService }) {
  const { t } = useTranslation();
  const text = (value: string | null) => value ?? t('common.notGiven');
  const rows: [string, ReactNode][] = [
    [t('service.code'), <span className="mono">{service.code}</span>],
    [t('service.nameLv'), <span lang="lv">{service.name.lv}</span>],
    [t('service.nameEn'), service.name.en ? <span lang="en">{service.name.en}</span> : t('common.notGiven')],
    [t('service.holder'), text(service.holder)],
    [t('service.provider'), text(service.provider)],
    [t('service.customerGroup'), text(service.customerGroup)],
    [
      t('service.requestChannels'),
      service.requestChannels.length > 0 ? (
        <ul className="plain-list">
          {service.requestChannels.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : (
        t('common.notGiven')
      ),
    ],
    [t('service.fee'), text(service.fee)],
    [t('service.timeLimit'), text(service.timeLimit)],
    [t('service.resultDelivery'), text(service.resultDelivery)],
    [t('service.critical'), service.critical ? t('service.criticalYes') : t('service.criticalNo')],
    [t('service.owner'), text(service.owner)],
  ];
  return (
    <>
      {service.description && <p className="prose prose-text">{service.description}</p>}
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t('service.legalBasis')}</dt>
          <dd>
            {service.legalBasis.length > 0 ? (
              <ul className="plain-list">
                {service.legalBasis.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} rel="noreferrer" target="_blank">
                      {l.title}
                      <span className="visually-hidden"> {t('common.newWindow')}</span>
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              t('common.notGiven')
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}
