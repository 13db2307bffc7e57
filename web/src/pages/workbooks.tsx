import { t } from '../i18n/i18n';

export default function Placeholder() {
  return <p>{t('placeholder.workbooks')}</p>;
}
