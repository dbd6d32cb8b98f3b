import { App, Button, Card, Form, Input, InputNumber, Modal, Segmented, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { usePaged } from '../api/use-paged';
import { mayChange } from '../auth/use-me';
import { useI18n } from '../i18n/i18n';
import { useAccount } from '../layout/AppLayout';
import { LiveMessage, useLive, withLinkState } from '../live/live-socket';
import { DoorState } from '../components/DoorState';

type Terminal = components['schemas']['TerminalDto'];
type TerminalInput = components['schemas']['CreateTerminalDto'];
type SettingsKind = 'network' | 'smart-face' | 'peripheral';
type Run = components['schemas']['ReconciliationRunDto'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The form of a new or changed terminal; the password is only sent when typed (it is never shown). */
function TerminalForm({ terminal, onDone }: { terminal: Terminal | null; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<TerminalInput>();
  const [busy, setBusy] = useState(false);
  const save = async (values: TerminalInput) => {
    setBusy(true);
    try {
      const body = { ...values, ...(values.password ? {} : { password: undefined }) };
      if (terminal) await ok(api.PATCH('/api/admin/devices/{id}', { params: { path: { id: terminal.id } }, body }));
      else await ok(api.POST('/api/admin/devices', { body }));
      message.success(t('changed'));
      onDone(true);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={terminal ? `${t('edit')} ${terminal.name}` : t('add')} okText={t('save')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onDone(false)}>
      <Form form={form} layout="vertical" onFinish={save} initialValues={terminal ?? { port: 8899, wsPort: 9000, enabled: true, provisioning: true }}>
        <Form.Item name="name" label={t('doorName')} rules={[{ required: true, message: t('required') }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="host" label={t('host')} rules={[{ required: true, message: t('required') }, { max: 255 }]}>
          <Input placeholder="192.168.1.20" />
        </Form.Item>
        <Space>
          <Form.Item name="port" label={t('port')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber min={1} max={65535} />
          </Form.Item>
          <Form.Item name="wsPort" label={t('wsPort')} rules={[{ required: true, message: t('required') }]}>
            <InputNumber min={1} max={65535} />
          </Form.Item>
        </Space>
        <Form.Item name="password" label={t('password')} rules={terminal ? [] : [{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space size="large">
          <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="provisioning" label={t('provisioningOn')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** The terminal's own parameters (network, smart face, peripherals), read from it and written back as JSON. */
function TerminalSettings({ terminal, canChange, onClose }: { terminal: Terminal; canChange: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<SettingsKind>('smart-face');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const settings = usePaged(async () => {
    const value = await ok(api.GET('/api/admin/devices/{id}/settings/{kind}', { params: { path: { id: terminal.id, kind } } }));
    setText(JSON.stringify(value, null, 2));
    return { items: [value], total: 1 };
  }, [terminal.id, kind]);
  const save = async () => {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      await ok(api.PUT('/api/admin/devices/{id}/settings/{kind}', { params: { path: { id: terminal.id, kind } }, body }));
      message.success(t('changed'));
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  return (
    <Modal open width={640} title={`${t('parameters')} · ${terminal.name}`} onCancel={onClose} footer={canChange ? <Button type="primary" disabled={invalid} onClick={save}>{t('save')}</Button> : null}>
      <Segmented<SettingsKind> value={kind} onChange={setKind} options={['smart-face', 'network', 'peripheral']} style={{ marginBottom: 12 }} />
      <Input.TextArea
        rows={14}
        value={text}
        readOnly={!canChange || settings.loading}
        status={invalid ? 'error' : undefined}
        onChange={(event) => {
          setText(event.target.value);
          try {
            JSON.parse(event.target.value);
            setInvalid(false);
          } catch {
            setInvalid(true);
          }
        }}
        style={{ fontFamily: 'monospace' }}
      />
    </Modal>
  );
}

/** The doors: live link state, heartbeat, model and firmware; add, edit, open, reboot, parameters, reconcile. */
export default function DoorsPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const canChange = mayChange(useAccount(), 'doors');
  const [editing, setEditing] = useState<Terminal | null | 'new'>(null);
  const [settingsOf, setSettingsOf] = useState<Terminal | null>(null);
  const [usersOn, setUsersOn] = useState<Record<number, number>>({});
  const doors = usePaged(async (page) => {
    const result = await ok(api.GET('/api/admin/devices', { params: { query: { page, size: 50 } } }));
    for (const door of result.items) {
      void ok(api.GET('/api/admin/devices/{id}/reconciliations', { params: { path: { id: door.id }, query: { size: 1 } } })).then(
        (runs) => runs.items[0] && setUsersOn((all) => ({ ...all, [door.id]: runs.items[0].terminalUsers })),
        () => undefined,
      );
    }
    return result;
  }, []);
  // A door going offline or coming back changes its row; nothing is fetched again.
  useLive((live: LiveMessage) => {
    if (live.type === 'terminal') doors.setRows((all) => withLinkState(all, live));
  });

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const reconcile = (door: Terminal) =>
    act(async () => {
      let run: Run = await ok(api.POST('/api/admin/devices/{id}/reconcile', { params: { path: { id: door.id } } }));
      for (let waited = 0; run.state === 'running' && waited < 120; waited++) {
        await sleep(500);
        run = (await ok(api.GET('/api/admin/devices/{id}/reconciliations', { params: { path: { id: door.id }, query: { size: 1 } } }))).items[0] ?? run;
      }
      if (run.state === 'failed') throw new Error(run.error ?? 'failed');
      setUsersOn((all) => ({ ...all, [door.id]: run.terminalUsers }));
      modal.info({ title: t('reconcile'), content: t('reconcileResult', { users: run.terminalUsers, added: run.added, updated: run.updated, removed: run.removed }) });
    }, t('reconcile'));

  return (
    <Card title={t('doors')} extra={canChange && <Button type="primary" onClick={() => setEditing('new')} data-testid="add-door">{t('add')}</Button>}>
      <Table<Terminal>
        rowKey="id"
        loading={doors.loading}
        dataSource={doors.rows}
        data-testid="doors"
        pagination={{ current: doors.page, pageSize: 50, total: doors.total, showSizeChanger: false, onChange: doors.setPage }}
        columns={[
          { title: t('doorName'), dataIndex: 'name' },
          { title: t('host'), render: (_, door) => `${door.host}:${door.port}` },
          { title: t('linkState'), key: 'state', render: (_, door) => <DoorState door={door} /> },
          { title: t('lastSeen'), dataIndex: 'lastSeenAt', render: (at: string | null) => (at ? new Date(at).toLocaleString() : '—') },
          { title: t('usersOnDoor'), key: 'users', render: (_, door) => usersOn[door.id] ?? '—' },
          { title: t('model'), render: (_, door) => [door.deviceModel, door.appVersion].filter(Boolean).join(' / ') || '—' },
          { title: t('result'), dataIndex: 'lastError', render: (error: string | null) => error && <Typography.Text type="danger">{error}</Typography.Text> },
          {
            title: '',
            key: 'actions',
            render: (_, door) => (
              <Space wrap>
                <Button size="small" onClick={() => setSettingsOf(door)}>{t('parameters')}</Button>
                {canChange && (
                  <>
                    <Button size="small" onClick={() => act(() => ok(api.POST('/api/admin/devices/{id}/door/open', { params: { path: { id: door.id } }, body: { remark: 'console' } })), t('doorOpened'))} data-testid={`open-${door.id}`}>
                      {t('openDoor')}
                    </Button>
                    <Button size="small" onClick={() => reconcile(door)}>{t('reconcile')}</Button>
                    <Button size="small" onClick={() => act(() => ok(api.POST('/api/admin/devices/{id}/time/sync', { params: { path: { id: door.id } } })), t('timeSynced'))}>
                      {t('syncTime')}
                    </Button>
                    <Button size="small" onClick={() => setEditing(door)}>{t('edit')}</Button>
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        modal.confirm({
                          title: t('rebootConfirm', { name: door.name }),
                          okText: t('reboot'),
                          cancelText: t('cancel'),
                          onOk: () => act(() => ok(api.POST('/api/admin/devices/{id}/reboot', { params: { path: { id: door.id } } })), t('rebooting')),
                        })
                      }
                    >
                      {t('reboot')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        modal.confirm({
                          title: t('removeDoorConfirm', { name: door.name }),
                          okText: t('removeDoor'),
                          okButtonProps: { danger: true },
                          cancelText: t('cancel'),
                          onOk: () => act(() => ok(api.DELETE('/api/admin/devices/{id}', { params: { path: { id: door.id } } })).then(doors.reload), t('removed')),
                        })
                      }
                    >
                      {t('removeDoor')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <TerminalForm
          terminal={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void doors.reload();
          }}
        />
      )}
      {settingsOf && <TerminalSettings terminal={settingsOf} canChange={canChange} onClose={() => setSettingsOf(null)} />}
    </Card>
  );
}
