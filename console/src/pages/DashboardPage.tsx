import { Alert, Badge, Card, Col, List, notification, Row, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { ResultTag } from '../components/ResultTag';
import { useI18n } from '../i18n/i18n';
import { LiveMessage, LiveRecord, useLive, withLinkState } from '../live/live-socket';

type Terminal = components['schemas']['TerminalDto'];

/** The newest records the page keeps; a flood only moves the counter of those not shown. */
const SHOWN = 50;

/** Every door's state and the last records, kept current by the live socket (no polling). */
export default function DashboardPage() {
  const { t } = useI18n();
  const [terminals, setTerminals] = useState<Terminal[]>([]);
  const [records, setRecords] = useState<LiveRecord[]>([]);
  const [notShown, setNotShown] = useState(0);
  const [alerts, contextHolder] = notification.useNotification();

  useEffect(() => {
    ok(api.GET('/api/admin/devices', { params: { query: { size: 200 } } })).then((page) => setTerminals(page.items), () => undefined);
    ok(api.GET('/api/admin/access-records', { params: { query: { size: SHOWN } } })).then((page) => setRecords(page.items), () => undefined);
  }, []);

  const onMessage = useCallback(
    (message: LiveMessage) => {
      switch (message.type) {
        case 'records':
          setRecords((shown) => {
            const merged = [...[...message.items].reverse(), ...shown];
            setNotShown((n) => n + message.skipped + Math.max(0, merged.length - SHOWN));
            return merged.slice(0, SHOWN);
          });
          break;
        case 'terminal':
          setTerminals((all) => withLinkState(all, message));
          break;
        case 'provisioning-failed':
          alerts.error({ message: t('provisioningFailed'), description: `${message.terminalName}: ${message.personId} — ${message.reason}` });
          break;
        case 'registration':
          alerts.info({ message: t('newRegistration'), description: message.name });
          break;
      }
    },
    [alerts, t],
  );
  const connected = useLive(onMessage);
  const doorName = (id: number) => terminals.find((door) => door.id === id)?.name ?? `#${id}`;

  return (
    <>
      {contextHolder}
      {!connected && <Alert type="warning" showIcon message={t('liveLost')} style={{ marginBottom: 16 }} data-testid="live-lost" />}
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card title={t('doors')}>
            <List
              dataSource={terminals}
              renderItem={(door) => (
                <List.Item data-testid={`door-${door.id}`}>
                  <Badge status={door.online ? 'success' : 'error'} text={door.name} />
                  <Typography.Text type="secondary">{door.online ? t('online') : t('offline')}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t('lastRecords')} extra={notShown > 0 && <Typography.Text type="secondary">{t('skipped', { n: notShown })}</Typography.Text>}>
            <Table<LiveRecord>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={records}
              data-testid="records"
              columns={[
                { title: t('time'), dataIndex: 'signedAt', render: (at: string) => new Date(at).toLocaleString() },
                { title: t('door'), dataIndex: 'terminalId', render: doorName },
                { title: t('person'), render: (_, record) => record.name || record.userId || t('stranger') },
                { title: t('result'), dataIndex: 'denied', render: (denied: boolean) => <ResultTag denied={denied} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
