import { App, Button, Card, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { usePaged } from '../api/use-paged';
import { PasswordModal } from '../components/PasswordModal';
import { useI18n } from '../i18n/i18n';

type Account = components['schemas']['StaffAccountDto'];
type Role = Account['role'];
const ROLES: Role[] = ['admin', 'reviewer', 'operator', 'auditor'];

/** Back-office accounts (administrators only): create with a role, change the role, reset the password, remove. */
export default function AccountsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [form] = Form.useForm<components['schemas']['NewStaffAccountDto']>();
  const accounts = usePaged((page) => ok(api.GET('/api/admin/accounts', { params: { query: { page, size: 50, ...(search ? { q: search } : {}) } } })), [search]);
  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));

  const change = async (account: Account, body: components['schemas']['StaffAccountChangeDto']) => {
    await ok(api.PATCH('/api/admin/accounts/{id}', { params: { path: { id: account.id } }, body }));
    await accounts.reload();
  };
  const create = async (values: components['schemas']['NewStaffAccountDto']) => {
    try {
      await ok(api.POST('/api/admin/accounts', { body: values }));
      message.success(t('changed'));
      setCreating(false);
      form.resetFields();
      await accounts.reload();
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  return (
    <Card title={t('accounts')} extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="create-account">{t('createAccount')}</Button>}>
      <Input.Search allowClear placeholder={t('username2')} style={{ width: 240, marginBottom: 16 }} maxLength={100} onSearch={(value) => setSearch(value.trim())} />
      <Table<Account>
        rowKey="id"
        loading={accounts.loading}
        dataSource={accounts.rows}
        data-testid="accounts"
        pagination={{ current: accounts.page, pageSize: 50, total: accounts.total, showSizeChanger: false, onChange: accounts.setPage }}
        columns={[
          { title: t('username2'), dataIndex: 'username' },
          {
            title: t('role'),
            dataIndex: 'role',
            render: (role: Role, account) => (
              <Select<Role> value={role} options={roleOptions} style={{ width: 140 }} onChange={(next) => change(account, { role: next }).then(() => message.success(t('changed')), (error: Error) => message.error(error.message))} />
            ),
          },
          { title: t('passwordChangedAt'), dataIndex: 'passwordChangedAt', render: (at: string) => new Date(at).toLocaleString() },
          {
            title: '',
            key: 'actions',
            render: (_, account) => (
              <Space>
                <Button size="small" onClick={() => setResetting(account)}>{t('resetPassword')}</Button>
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('removeAccount', { name: account.username }),
                      okText: t('delete'),
                      okButtonProps: { danger: true },
                      cancelText: t('cancel'),
                      onOk: () =>
                        ok(api.DELETE('/api/admin/accounts/{id}', { params: { path: { id: account.id } } })).then(accounts.reload, (error: Error) => {
                          message.error(error.message);
                        }),
                    })
                  }
                >
                  {t('delete')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title={t('createAccount')} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} onCancel={() => setCreating(false)}>
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ role: 'reviewer' }}>
          <Form.Item name="username" label={t('username2')} rules={[{ required: true, message: t('required') }, { pattern: /^[\w.@-]{2,100}$/, message: t('username2') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }, { min: 6, max: 64, message: t('passwordLength') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label={t('role')}>
            <Select options={roleOptions} />
          </Form.Item>
        </Form>
      </Modal>
      {resetting && <PasswordModal title={`${t('resetPassword')} · ${resetting.username}`} needsOld={false} save={({ newPassword }) => change(resetting, { password: newPassword })} onClose={() => setResetting(null)} />}
    </Card>
  );
}
