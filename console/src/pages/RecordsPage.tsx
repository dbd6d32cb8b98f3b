import { App, Button, Card, DatePicker, Image, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { authorisedBlob, download } from '../api/authorised-file';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { usePaged } from '../api/use-paged';
import { ResultTag } from '../components/ResultTag';
import { useI18n } from '../i18n/i18n';
import { useLive } from '../live/live-socket';
import { useSoon } from '../live/use-soon';

type AccessRecord = components['schemas']['AccessRecordDto'];
type Terminal = components['schemas']['TerminalDto'];
type Result = 'all' | 'passed' | 'denied';
type Filter = { terminalId?: number; name?: string; from?: string; to?: string; result?: 'passed' | 'denied' };

/** The face the terminal captured, beside the photo the person registered with. */
function Faces({ record }: { record: AccessRecord }) {
  const { t } = useI18n();
  const [snapshot, setSnapshot] = useState<string | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    if (record.avatarUrl) authorisedBlob(record.avatarUrl).then((blob) => setSnapshot((url = URL.createObjectURL(blob))), () => undefined);
    const registration = /^FR(\d+)$/.exec(record.userId ?? '');
    if (registration) ok(api.GET('/api/admin/registrations/{id}', { params: { path: { id: Number(registration[1]) } } })).then((r) => setRegistered(r.imgUrl), () => undefined);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [record]);
  return (
    <Space size="large" data-testid={`faces-${record.id}`}>
      <Space direction="vertical" align="center">
        {snapshot ? <Image src={snapshot} width={120} alt={t('snapshot')} /> : <Typography.Text type="secondary">—</Typography.Text>}
        <Typography.Text>{t('snapshot')}</Typography.Text>
      </Space>
      <Space direction="vertical" align="center">
        {registered ? <Image src={registered} width={120} alt={t('registeredPhoto')} /> : <Typography.Text type="secondary">—</Typography.Text>}
        <Typography.Text>{t('registeredPhoto')}</Typography.Text>
      </Space>
    </Space>
  );
}

/** Access records, newest first and live on the first page, with filters and a CSV export of the filtered set. */
export default function RecordsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  // The dashboard's refusals lead here with ?result=denied.
  const initialResult = params.get('result') === 'denied' || params.get('result') === 'passed' ? (params.get('result') as 'passed' | 'denied') : undefined;
  const [filter, setFilter] = useState<Filter>({ result: initialResult });
  const [doors, setDoors] = useState<Terminal[]>([]);
  const records = usePaged((page) => ok(api.GET('/api/admin/access-records', { params: { query: { ...filter, page, size: 20 } } })), [filter]);

  useEffect(() => {
    ok(api.GET('/api/admin/devices', { params: { query: { size: 200 } } })).then((page) => setDoors(page.items), () => undefined);
  }, []);
  // New records refresh the first page, at most once a second however fast they come.
  const reloadSoon = useSoon(() => void records.reload());
  useLive((live) => {
    if (live.type === 'records' && records.page === 1) reloadSoon();
  });

  const exportCsv = async () => {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
    try {
      await download(`/api/admin/access-records/export.csv?${query}`, `access-records.csv`);
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  const doorName = (id: number) => doors.find((door) => door.id === id)?.name ?? `#${id}`;

  return (
    <Card title={t('records')} extra={<Button onClick={exportCsv} data-testid="export">{t('exportCsv')}</Button>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('door')}
          style={{ width: 180 }}
          options={doors.map((door) => ({ value: door.id, label: door.name }))}
          onChange={(terminalId?: number) => setFilter((f) => ({ ...f, terminalId }))}
          data-testid="door-filter"
        />
        <Input.Search allowClear placeholder={t('person')} style={{ width: 200 }} maxLength={40} onSearch={(name) => setFilter((f) => ({ ...f, name: name.trim() || undefined }))} />
        <DatePicker.RangePicker showTime onChange={(range) => setFilter((f) => ({ ...f, from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() }))} />
        <Segmented<Result>
          defaultValue={initialResult ?? 'all'}
          options={[
            { value: 'all', label: t('allResults') },
            { value: 'passed', label: t('passed') },
            { value: 'denied', label: t('denied') },
          ]}
          onChange={(result) => setFilter((f) => ({ ...f, result: result === 'all' ? undefined : result }))}
          data-testid="result-filter"
        />
      </Space>
      <Table<AccessRecord>
        rowKey="id"
        size="small"
        loading={records.loading}
        dataSource={records.rows}
        data-testid="records"
        expandable={{ expandedRowRender: (record) => <Faces record={record} /> }}
        pagination={{ current: records.page, pageSize: 20, total: records.total, showSizeChanger: false, onChange: records.setPage }}
        columns={[
          { title: t('time'), dataIndex: 'signedAt', render: (at: string) => new Date(at).toLocaleString() },
          { title: t('door'), dataIndex: 'terminalId', render: doorName },
          { title: t('person'), render: (_, record) => record.name || record.userId || t('stranger') },
          { title: t('result'), dataIndex: 'denied', render: (denied: boolean) => <ResultTag denied={denied} /> },
        ]}
      />
    </Card>
  );
}
