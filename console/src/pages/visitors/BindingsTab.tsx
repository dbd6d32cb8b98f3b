import { App, Button, Table, Tag } from 'antd';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { usePaged } from '../../api/use-paged';
import { useI18n } from '../../i18n/i18n';

type Binding = components['schemas']['BindingDto'];

/** WeChat users bound as employees or visitors; revoking one undoes the authorisations it gave that have not begun. */
export function BindingsTab({ canChange }: { canChange: boolean }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const bindings = usePaged((page) => ok(api.GET('/api/admin/bindings', { params: { query: { page, size: 20 } } })), []);
  const revoke = (binding: Binding) =>
    modal.confirm({
      title: t('revokeConfirm', { phone: binding.phone }),
      okText: t('revoke'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          const result = await ok(api.DELETE('/api/admin/bindings/{id}', { params: { path: { id: binding.id } } }));
          message.success(t('revoked', { n: result.unauthorisedVisits.length }));
          await bindings.reload();
        } catch (error) {
          message.error((error as Error).message);
        }
      },
    });
  return (
    <Table<Binding>
      rowKey="id"
      loading={bindings.loading}
      dataSource={bindings.rows}
      data-testid="bindings"
      pagination={{ current: bindings.page, pageSize: 20, total: bindings.total, showSizeChanger: false, onChange: bindings.setPage }}
      columns={[
        { title: t('kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{kind === 'employee' ? t('employees') : t('visitors')}</Tag> },
        { title: t('phone'), dataIndex: 'phone' },
        { title: t('name'), dataIndex: 'employeeName', render: (name: string | null) => name ?? '—' },
        { title: 'WeChat', dataIndex: 'weixinUserId' },
        { title: t('time'), dataIndex: 'createdAt', render: (at: string) => new Date(at).toLocaleString() },
        { title: '', key: 'revoke', render: (_, binding) => canChange && <Button size="small" danger onClick={() => revoke(binding)}>{t('revoke')}</Button> },
      ]}
    />
  );
}
