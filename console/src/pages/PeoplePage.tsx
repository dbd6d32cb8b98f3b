import { App, Button, Card, Image, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { usePaged } from '../api/use-paged';
import { mayChange } from '../auth/use-me';
import { useI18n } from '../i18n/i18n';
import { useAccount } from '../layout/AppLayout';

type Registration = components['schemas']['RegistrationDto'];
type PersonDoor = components['schemas']['PersonDoorDto'];
type State = -1 | 0 | 1 | 2 | 3;

const DOOR_COLOURS: Record<PersonDoor['state'], string> = { 'on-door': 'green', pending: 'blue', failed: 'red', removed: 'default', none: 'default' };

/** One person on every door: state, the terminal's words when it refused, and another try. */
function PersonDoors({ personId, canRetry }: { personId: string; canRetry: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const doors = usePaged(async () => {
    const items = await ok(api.GET('/api/admin/people/{personId}/doors', { params: { path: { personId } } }));
    return { items, total: items.length };
  }, [personId]);
  const retry = async (terminalId: number) => {
    try {
      await ok(api.POST('/api/admin/people/{personId}/doors/{terminalId}/retry', { params: { path: { personId, terminalId } } }));
      message.success(t('retried'));
      await doors.reload();
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  return (
    <Table<PersonDoor>
      rowKey="terminalId"
      size="small"
      pagination={false}
      loading={doors.loading}
      dataSource={doors.rows}
      title={() => t('doorsOfPerson')}
      columns={[
        { title: t('door'), dataIndex: 'terminalName' },
        { title: t('state'), dataIndex: 'state', render: (state: PersonDoor['state']) => <Tag color={DOOR_COLOURS[state]}>{t(`door.${state}`)}</Tag> },
        { title: t('result'), dataIndex: 'lastError', render: (error: string | null) => error && <Typography.Text type="danger">{error}</Typography.Text> },
        {
          title: '',
          key: 'retry',
          render: (_, door) => canRetry && (door.state === 'failed' || door.state === 'pending') && <Button size="small" onClick={() => retry(door.terminalId)}>{t('retry')}</Button>,
        },
      ]}
    />
  );
}

/** Every registration with its state and, per door, whether it is on that terminal; deletion with what it removes. */
export default function PeoplePage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const canChange = mayChange(useAccount(), 'people');
  const [state, setState] = useState<State>(-1);
  const [search, setSearch] = useState('');
  const people = usePaged(
    (page) => ok(api.GET('/api/admin/registrations', { params: { query: { state, page, size: 20, ...(search ? { fields: search } : {}) } } })),
    [state, search],
  );

  const remove = (person: Registration) =>
    modal.confirm({
      title: t('deletePerson', { name: person.name }),
      content: t('deletePersonWhat'),
      okText: t('delete'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await ok(api.DELETE('/api/admin/registrations/{id}', { params: { path: { id: person.id } } }));
          message.success(t('deleted'));
          await people.reload();
        } catch (error) {
          message.error((error as Error).message);
        }
      },
    });

  return (
    <Card title={t('people')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<State> value={state} onChange={setState} options={([-1, 0, 1, 2, 3] as State[]).map((value) => ({ value, label: t(`state.${value}` as 'state.0') }))} />
        <Input.Search allowClear placeholder={t('search')} style={{ width: 260 }} maxLength={50} onSearch={(value) => setSearch(value.trim())} />
      </Space>
      <Table<Registration>
        rowKey="id"
        loading={people.loading}
        dataSource={people.rows}
        data-testid="people"
        expandable={{ expandedRowRender: (person) => <PersonDoors personId={person.personId} canRetry={canChange} />, rowExpandable: (person) => person.state === 1 || person.state === 2 }}
        pagination={{ current: people.page, pageSize: 20, total: people.total, showSizeChanger: false, onChange: people.setPage }}
        columns={[
          { title: t('photo'), dataIndex: 'imgUrl', width: 80, render: (url: string, row) => <Image src={url} alt={row.name} width={56} height={70} style={{ objectFit: 'cover' }} /> },
          { title: t('name'), dataIndex: 'name' },
          { title: t('phone'), dataIndex: 'telNo' },
          { title: t('cardNo'), dataIndex: 'cardNo' },
          { title: t('state'), dataIndex: 'state', render: (value: number) => <Tag>{t(`state.${value}` as 'state.0')}</Tag> },
          { title: t('result'), dataIndex: 'provisioningError', render: (error: string | null) => error && <Typography.Text type="danger">{error}</Typography.Text> },
          {
            title: '',
            key: 'delete',
            render: (_, person) =>
              canChange && (
                <Button size="small" danger onClick={() => remove(person)}>
                  {t('delete')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
