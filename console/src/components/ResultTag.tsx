import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';

/** Passed or denied, as every list of access records shows it. */
export function ResultTag({ denied }: { denied: boolean }) {
  const { t } = useI18n();
  return denied ? <Tag color="red">{t('denied')}</Tag> : <Tag color="green">{t('passed')}</Tag>;
}
