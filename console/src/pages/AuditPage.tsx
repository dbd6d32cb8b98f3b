import { Card, DatePicker, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { usePaged } from '../api/use-paged';
import { useI18n } from '../i18n/i18n';

type Entry = components['schemas']['AuditEntryDto'];
type Filter = { actor?: string; action?: string; from?: string; to?: string };

/** The append-only audit log (administrators and auditors): who did what to which record, when, from where. */
export default function AuditPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  const entries = usePaged((page) => ok(api.GET('/api/admin/audit', { params: { query: { ...filter, page, size: 50 } } })), [filter]);
  return (
    <Card title={t('audit')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('actor')} style={{ width: 180 }} maxLength={100} onSearch={(actor) => setFilter((f) => ({ ...f, actor: actor.trim() || undefined }))} />
        <Input.Search allowClear placeholder={t('action')} style={{ width: 220 }} maxLength={100} onSearch={(action) => setFilter((f) => ({ ...f, action: action.trim() || undefined }))} />
        <DatePicker.RangePicker showTime onChange={(range) => setFilter((f) => ({ ...f, from: range?.[0]?.toISOString(), to: range?.[1]?.toISOString() }))} />
      </Space>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={entries.loading}
        dataSource={entries.rows}
        data-testid="audit"
        pagination={{ current: entries.page, pageSize: 50, total: entries.total, showSizeChanger: false, onChange: entries.setPage }}
        columns={[
          { title: t('time'), dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString() },
          { title: t('actor'), dataIndex: 'actor' },
          { title: t('action'), dataIndex: 'action', render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
          { title: t('target'), dataIndex: 'target' },
          { title: t('outcome'), dataIndex: 'outcome', render: (outcome: string) => <Typography.Text type={outcome === 'ok' ? undefined : 'danger'}>{outcome}</Typography.Text> },
          { title: t('address'), dataIndex: 'address' },
        ]}
      />
    </Card>
  );
}
