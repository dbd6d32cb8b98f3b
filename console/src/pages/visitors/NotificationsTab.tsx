import { App, Button, Table, Tag, Typography } from 'antd';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { usePaged } from '../../api/use-paged';
import { useI18n } from '../../i18n/i18n';

type Notification = components['schemas']['NotificationDto'];
const COLOURS: Record<Notification['state'], string> = { pending: 'blue', sent: 'green', failed: 'red', skipped: 'default' };

/** The WeChat and SMS messages of visits, with why one failed and another try. */
export function NotificationsTab({ canChange }: { canChange: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifications = usePaged((page) => ok(api.GET('/api/admin/notifications', { params: { query: { page, size: 20 } } })), []);
  const retry = async (id: number) => {
    try {
      await ok(api.POST('/api/admin/notifications/{id}/retry', { params: { path: { id } } }));
      message.success(t('retried'));
      await notifications.reload();
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  return (
    <Table<Notification>
      rowKey="id"
      loading={notifications.loading}
      dataSource={notifications.rows}
      data-testid="notifications"
      pagination={{ current: notifications.page, pageSize: 20, total: notifications.total, showSizeChanger: false, onChange: notifications.setPage }}
      columns={[
        { title: t('time'), dataIndex: 'createdAt', render: (at: string) => new Date(at).toLocaleString() },
        { title: t('kind'), dataIndex: 'kind' },
        { title: t('channel'), dataIndex: 'channel' },
        { title: t('phone'), dataIndex: 'recipient' },
        { title: t('state'), dataIndex: 'state', render: (state: Notification['state']) => <Tag color={COLOURS[state]}>{t(`notification.${state}`)}</Tag> },
        { title: t('attempts'), dataIndex: 'attempts' },
        { title: t('reason'), dataIndex: 'lastError', render: (error: string | null) => error && <Typography.Text type="danger">{error}</Typography.Text> },
        { title: '', key: 'retry', render: (_, n) => canChange && (n.state === 'failed' || n.state === 'skipped') && <Button size="small" onClick={() => retry(n.id)}>{t('retry')}</Button> },
      ]}
    />
  );
}
