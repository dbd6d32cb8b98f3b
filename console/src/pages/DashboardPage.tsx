import { Alert, Card, Col, Empty, List, notification, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { authorisedBlob } from '../api/authorised-file';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { DoorState } from '../components/DoorState';
import { ResultTag } from '../components/ResultTag';
import { useI18n, usePageWords } from '../i18n/i18n';
import { DASHBOARD_MESSAGES } from './dashboard.messages';
import { LiveMessage, LiveRecord, useLive, withLinkState } from '../live/live-socket';
import { useSoon } from '../live/use-soon';

// chart.js is fetched when the dashboard shows its chart, not with the console's first load.
const EntriesChart = lazy(() => import('../components/EntriesChart'));

type Schemas = components['schemas'];
type Terminal = Schemas['TerminalDto'];
type AccessRecord = Schemas['AccessRecordDto'];
type Day = Schemas['HourlyEntriesDto'];
type Visitors = Schemas['VisitorsTodayDto'];

/** The newest records the page keeps; a flood only moves the counter of those not shown. */
const SHOWN = 12;
const REFUSALS_SHOWN = 8;
/**
 * Visits end as time passes, without a message, and the day turns: today's visitors and entries are
 * read again this often (which also mends an entry counted twice around a reconnection).
 */
const RECOUNT_EVERY_MS = 60_000;

/** A captured face, fetched with the token (the avatar route is guarded and its reads audited). */
function Face({ record }: { record: AccessRecord }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    if (record.avatarUrl) authorisedBlob(record.avatarUrl).then((blob) => setUrl((made = URL.createObjectURL(blob))), () => undefined);
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [record.avatarUrl]);
  return url ? <img src={url} alt="" data-testid="captured-face" style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 4 }} /> : <div style={{ width: 72, height: 72, background: '#f0f0f0', borderRadius: 4 }} />;
}

/** A time on the site's clock: the day the dashboard shows is the site's, wherever the browser is. */
function siteClock(at: string, timeZone: string | undefined, withDate = false): string {
  const options: Intl.DateTimeFormatOptions = { timeZone, hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' };
  return new Date(at).toLocaleString(undefined, withDate ? { ...options, year: 'numeric', month: '2-digit', day: '2-digit' } : options);
}

/** A figure of the day that leads to the page where it can be acted on. */
function Figure({ title, to, testId, children }: { title: string; to: string; testId: string; children: React.ReactNode }) {
  const navigate = useNavigate();
  return (
    <Card hoverable size="small" onClick={() => navigate(to)} data-testid={testId} style={{ height: '100%' }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ marginTop: 8 }}>{children}</div>
    </Card>
  );
}

/**
 * The site's day at a glance, kept current by the live socket: people at the doors per hour
 * (passed and refused), the refusals with the faces the doors captured, the doors that are offline
 * and since when, the registrations waiting for review and today's visitors. Every figure is a
 * click away from its page.
 */
export default function DashboardPage() {
  const { t } = useI18n();
  const w = usePageWords(DASHBOARD_MESSAGES);
  const navigate = useNavigate();
  const [day, setDay] = useState<Day | null>(null);
  const [doors, setDoors] = useState<Terminal[]>([]);
  const [refusals, setRefusals] = useState<AccessRecord[]>([]);
  const [waiting, setWaiting] = useState<number | null>(null);
  const [visitors, setVisitors] = useState<Visitors | null>(null);
  const [latest, setLatest] = useState<LiveRecord[]>([]);
  const [notShown, setNotShown] = useState(0);
  const [alerts, contextHolder] = notification.useNotification();

  const loadDay = useCallback(
    () =>
      ok(api.GET('/api/admin/access-records/hourly')).then((today) => {
        setDay(today);
        return today;
      }),
    [],
  );
  /** Today's refusals, newest first: the day's start comes from the day the page shows. */
  const loadRefusals = useCallback(
    (from: string | undefined) => ok(api.GET('/api/admin/access-records', { params: { query: { result: 'denied', from, size: REFUSALS_SHOWN } } })).then((page) => setRefusals(page.items), () => undefined),
    [],
  );
  const loadWaiting = useCallback(() => ok(api.GET('/api/admin/registrations', { params: { query: { state: 0, size: 1 } } })).then((page) => setWaiting(page.total), () => undefined), []);
  const loadVisitors = useCallback(() => ok(api.GET('/api/admin/visits/today')).then(setVisitors, () => undefined), []);
  const refusalsSoon = useSoon(() => void loadRefusals(day?.hours[0]?.start));
  const waitingSoon = useSoon(() => void loadWaiting());
  const visitorsSoon = useSoon(() => void loadVisitors());
  const daySoon = useSoon(() => void loadDay().catch(() => undefined));

  const loadAll = useCallback(() => {
    loadDay().then((today) => loadRefusals(today.hours[0]?.start), () => undefined);
    void loadWaiting();
    void loadVisitors();
    ok(api.GET('/api/admin/devices', { params: { query: { size: 200 } } })).then((page) => setDoors(page.items), () => undefined);
    ok(api.GET('/api/admin/access-records', { params: { query: { size: SHOWN } } })).then((page) => {
      setLatest(page.items);
      setNotShown(0);
    }, () => undefined);
  }, [loadDay, loadRefusals, loadWaiting, loadVisitors]);
  // What happened before the socket was (re)connected came with no message: everything is read again once it is.
  const loadAllSoon = useSoon(loadAll, 300);

  useEffect(() => {
    loadAll();
    const timer = setInterval(() => {
      void loadVisitors();
      void loadDay().catch(() => undefined);
    }, RECOUNT_EVERY_MS);
    return () => clearInterval(timer);
  }, [loadAll, loadVisitors, loadDay]);

  const onMessage = useCallback(
    (message: LiveMessage) => {
      switch (message.type) {
        case 'hello':
          loadAllSoon();
          break;
        case 'records': {
          setLatest((shown) => {
            // A record can be both in a (re)load and in a message that crossed it: shown once.
            const arrived = new Set(message.items.map((record) => record.id));
            const merged = [...[...message.items].reverse(), ...shown.filter((record) => !arrived.has(record.id))];
            setNotShown((n) => n + message.skipped + Math.max(0, merged.length - SHOWN));
            return merged.slice(0, SHOWN);
          });
          setDay((current) => {
            if (!current) return current;
            const hours = current.hours.map((hour) => {
              const added = message.hours.find((tally) => tally.start === hour.start);
              return added ? { ...hour, passed: hour.passed + added.passed, denied: hour.denied + added.denied } : hour;
            });
            return { ...current, hours };
          });
          // The tallies show at once; the day is counted again a second later, which mends an entry
          // both in a (re)load of the day and in a message that crossed it, and an hour the page
          // does not have (the day turned, or a door's clock is off).
          if (message.hours.length > 0) daySoon();
          if (message.hours.some((tally) => tally.denied > 0)) refusalsSoon();
          break;
        }
        case 'terminal':
          setDoors((all) => withLinkState(all, message));
          break;
        case 'provisioning-failed':
          alerts.error({ message: t('provisioningFailed'), description: `${message.terminalName}: ${message.personId} — ${message.reason}` });
          break;
        case 'registration':
          alerts.info({ message: t('newRegistration'), description: message.name });
          waitingSoon();
          break;
        case 'registration-reviewed':
          waitingSoon();
          break;
        case 'visit':
          visitorsSoon();
          break;
      }
    },
    [alerts, t, daySoon, refusalsSoon, waitingSoon, visitorsSoon, loadAllSoon],
  );
  const connected = useLive(onMessage);
  const doorName = (id: number) => doors.find((door) => door.id === id)?.name ?? `#${id}`;
  const offline = doors.filter((door) => door.enabled && !door.online);
  const passed = day?.hours.reduce((sum, hour) => sum + hour.passed, 0) ?? 0;
  const denied = day?.hours.reduce((sum, hour) => sum + hour.denied, 0) ?? 0;
  const enabled = doors.filter((door) => door.enabled).length;

  return (
    <>
      {contextHolder}
      {!connected && <Alert type="warning" showIcon message={t('liveLost')} style={{ marginBottom: 16 }} data-testid="live-lost" />}
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Figure title={w('entriesToday')} to="/records" testId="figure-entries">
            <Space size="large">
              <Statistic title={t('passed')} value={passed} valueStyle={{ color: '#389e0d' }} />
              <Statistic title={t('denied')} value={denied} valueStyle={{ color: '#cf1322' }} />
            </Space>
          </Figure>
        </Col>
        <Col xs={12} lg={6}>
          <Figure title={t('doors')} to="/doors" testId="figure-doors">
            <Space size="large">
              <Statistic title={t('online')} value={enabled - offline.length} suffix={`/ ${enabled}`} />
              <Statistic title={t('offline')} value={offline.length} valueStyle={offline.length ? { color: '#cf1322' } : undefined} />
            </Space>
          </Figure>
        </Col>
        <Col xs={12} lg={6}>
          <Figure title={t('review')} to="/review" testId="figure-review">
            <Statistic title={w('waitingForReview')} value={waiting ?? '—'} valueStyle={waiting ? { color: '#d46b08' } : undefined} />
          </Figure>
        </Col>
        <Col xs={12} lg={6}>
          <Figure title={w('visitorsToday')} to="/visitors" testId="figure-visitors">
            <Space size="large">
              <Statistic title={w('expected')} value={visitors?.expected ?? '—'} />
              <Statistic title={w('onSite')} value={visitors?.onSite ?? '—'} valueStyle={{ color: '#1677ff' }} />
              <Statistic title={w('gone')} value={visitors?.gone ?? '—'} />
            </Space>
          </Figure>
        </Col>

        <Col xs={24} lg={16}>
          <Card title={w('entriesPerHour')} size="small" extra={day && <Typography.Text type="secondary">{day.date}</Typography.Text>}>
            <Suspense fallback={<Spin style={{ display: 'block', margin: 96 }} />}>
              {day && <EntriesChart hours={day.hours} label={(passed, denied) => w('entriesChartLabel', { passed, denied })} />}
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={w('doorsOffline')} size="small" style={{ height: '100%' }} extra={<a onClick={() => navigate('/doors')}>{t('doors')}</a>}>
            {offline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('allDoorsOnline')} />
            ) : (
              <List
                size="small"
                dataSource={offline}
                data-testid="offline-doors"
                renderItem={(door) => (
                  <List.Item data-testid={`offline-${door.id}`}>
                    <List.Item.Meta title={door.name} description={door.lastSeenAt ? w('offlineSince', { at: siteClock(door.lastSeenAt, day?.timeZone, true) }) : w('neverSeen')} />
                    <DoorState door={door} />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>

        <Col xs={24} lg={16}>
          <Card title={w('refusalsToday')} size="small" extra={<a onClick={() => navigate('/records?result=denied')}>{t('records')}</a>}>
            {refusals.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w('noRefusals')} />
            ) : (
              <List
                grid={{ gutter: 12, xs: 2, sm: 3, md: 4 }}
                dataSource={refusals}
                data-testid="refusals"
                renderItem={(record) => (
                  <List.Item>
                    <Card size="small" hoverable onClick={() => navigate('/records?result=denied')} data-testid={`refusal-${record.id}`}>
                      <Space>
                        <Face record={record} />
                        <Space direction="vertical" size={0}>
                          <Typography.Text strong>{record.name || record.userId || t('stranger')}</Typography.Text>
                          <Typography.Text type="secondary">{doorName(record.terminalId)}</Typography.Text>
                          <Typography.Text type="secondary">{siteClock(record.signedAt, day?.timeZone)}</Typography.Text>
                          {record.userType === 3 && <Tag color="black">{w('blacklisted')}</Tag>}
                        </Space>
                      </Space>
                    </Card>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('lastRecords')} size="small" extra={notShown > 0 && <Typography.Text type="secondary">{t('skipped', { n: notShown })}</Typography.Text>}>
            <Table<LiveRecord>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={latest}
              data-testid="records"
              onRow={() => ({ onClick: () => navigate('/records'), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('time'), dataIndex: 'signedAt', render: (at: string) => siteClock(at, day?.timeZone) },
                { title: t('door'), dataIndex: 'terminalId', render: doorName },
                { title: t('person'), render: (_, record) => record.name || record.userId || t('stranger') },
                { title: t('result'), dataIndex: 'denied', render: (isDenied: boolean) => <ResultTag denied={isDenied} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
