import { Image, Space, Table, Tag, Typography } from 'antd';
import { api, okV1 } from '../../api/client';
import type { components } from '../../api/schema';
import { usePaged } from '../../api/use-paged';
import { useI18n } from '../../i18n/i18n';

type Visit = components['schemas']['VisitRecordDto'];
type VisitState = 'waiting' | 'authorised' | 'signedIn' | 'onDoors' | 'over';
const COLOURS: Record<VisitState, string> = { waiting: 'gold', authorised: 'blue', signedIn: 'cyan', onDoors: 'green', over: 'default' };

/** Where a visit stands: signed-in visitors are on the doors for their visit window (the gateway grants them at sign-in). */
function stateOf(visit: Visit, nowSeconds: number): VisitState {
  if (visit.end_time <= nowSeconds) return 'over';
  if (visit.signin_time) return visit.start_time <= nowSeconds ? 'onDoors' : 'signedIn';
  return visit.is_auth ? 'authorised' : 'waiting';
}

const time = (seconds: number) => new Date(seconds * 1000).toLocaleString();

/** Today's and upcoming visits, with their people and QR codes. */
export function VisitsTab() {
  const { t } = useI18n();
  const today = new Date();
  today.setHours(0, 0, 0, 0);
  const startOfToday = Math.floor(today.getTime() / 1000);
  const visits = usePaged(async (page) => {
    const { data, envelope } = await okV1(api.GET('/v1/visit/records', { params: { query: { type: 'web', start_time: startOfToday, page, size: 20 } } }));
    return { items: data ?? [], total: (envelope as { page?: { count?: number } }).page?.count ?? 0 };
  }, [startOfToday]);
  const now = Date.now() / 1000;
  return (
    <Table<Visit>
      rowKey="id"
      loading={visits.loading}
      dataSource={visits.rows}
      data-testid="visits"
      pagination={{ current: visits.page, pageSize: 20, total: visits.total, showSizeChanger: false, onChange: visits.setPage }}
      columns={[
        { title: t('name'), dataIndex: 'name', render: (name: string, visit) => <Space direction="vertical" size={0}>{name}<Typography.Text type="secondary">{visit.phone}</Typography.Text></Space> },
        { title: t('interviewee'), render: (_, visit) => `${visit.interviewee} (${visit.department})` },
        { title: t('visitTime'), render: (_, visit) => `${time(visit.start_time)} – ${new Date(visit.end_time * 1000).toLocaleTimeString()}` },
        { title: t('state'), render: (_, visit) => { const state = stateOf(visit, now); return <Tag color={COLOURS[state]}>{t(`visit.${state}`)}</Tag>; } },
        { title: t('companions'), dataIndex: 'retinues', render: (retinues: Visit['retinues']) => retinues.map((r) => r.name).join('、') || '—' },
        { title: t('qrcode'), dataIndex: 'qrcode_img_url', render: (url: string) => (url ? <Image src={url} width={64} alt="QR" /> : '—') },
      ]}
    />
  );
}
