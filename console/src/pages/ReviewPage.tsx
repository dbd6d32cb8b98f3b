import { App, Button, Card, Checkbox, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, callDo, ok } from '../api/client';
import type { components } from '../api/schema';
import { usePaged } from '../api/use-paged';
import { mayChange } from '../auth/use-me';
import { useI18n } from '../i18n/i18n';
import { useAccount } from '../layout/AppLayout';

type Registration = components['schemas']['RegistrationDto'];
type State = -1 | 0 | 1 | 2 | 3;

const STATE_COLOURS: Record<number, string> = { 0: 'gold', 1: 'blue', 2: 'green', 3: 'red' };
const PAGE_SIZE = 20;

/** The review queue: photos large enough to judge, duplicates, approve/reject one or many, keyboard a/r and arrows. */
export default function ReviewPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useAccount();
  const canReview = mayChange(me, 'people');
  const [state, setState] = useState<State>(0);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const [cursor, setCursor] = useState(0);
  const [reviewRequired, setReviewRequired] = useState<boolean | null>(null);
  const queue = usePaged(
    (page) => ok(api.GET('/api/admin/registrations', { params: { query: { state, page, size: PAGE_SIZE, ...(search ? { fields: search } : {}) } } })),
    [state, search],
  );
  const { rows, reload } = queue;

  // A new list starts with nothing selected and the cursor on its first row.
  useEffect(() => {
    setSelected([]);
    setCursor(0);
  }, [rows]);
  useEffect(() => {
    ok(api.GET('/api/admin/settings/review')).then((setting) => setReviewRequired(setting.reviewRequired), () => undefined);
  }, []);

  const decide = useCallback(
    async (ids: number[], approve: boolean) => {
      if (!canReview || ids.length === 0) return;
      try {
        await callDo('approve.do', { ids: ids.join(','), isPass: approve ? 1 : 0 });
        message.success(t(approve ? 'approved' : 'rejected', { n: ids.length }));
        await reload();
      } catch (error) {
        message.error((error as Error).message);
      }
    },
    [canReview, reload, message, t],
  );

  // a / r decide the row under the cursor (or the selection); arrows move the cursor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement).closest('input, textarea')) return;
      if (event.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, rows.length - 1));
      else if (event.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
      else if (event.key === 'a' || event.key === 'r') {
        const ids = selected.length > 0 ? selected : rows[cursor] ? [rows[cursor].id] : [];
        void decide(ids, event.key === 'a');
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, cursor, selected, decide]);

  const changeSetting = async (required: boolean) => {
    try {
      const setting = await ok(api.PUT('/api/admin/settings/review', { body: { reviewRequired: required } }));
      setReviewRequired(setting.reviewRequired);
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  return (
    <Card
      title={t('review')}
      extra={
        <Space>
          <Checkbox checked={!!reviewRequired} disabled={!canReview || reviewRequired === null} onChange={(event) => changeSetting(event.target.checked)} data-testid="review-required">
            {t('reviewRequired')}
          </Checkbox>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          optionType="button"
          value={state}
          onChange={(event) => setState(event.target.value as State)}
          options={([0, 1, 2, 3, -1] as State[]).map((value) => ({ value, label: t(`state.${value}` as 'state.0') }))}
        />
        <Input.Search allowClear placeholder={t('search')} style={{ width: 260 }} maxLength={50} onSearch={(value) => setSearch(value.trim())} />
        {canReview && (
          <>
            <Button type="primary" disabled={selected.length === 0} onClick={() => decide(selected, true)} data-testid="approve-selected">
              {t('approveSelected')}
            </Button>
            <Button danger disabled={selected.length === 0} onClick={() => decide(selected, false)}>
              {t('rejectSelected')}
            </Button>
          </>
        )}
        <Typography.Text type="secondary">{t('keyboardHint')}</Typography.Text>
      </Space>
      <Table<Registration>
        rowKey="id"
        loading={queue.loading}
        dataSource={rows}
        data-testid="queue"
        rowSelection={canReview ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
        rowClassName={(_, index) => (index === cursor ? 'ant-table-row-selected' : '')}
        onRow={(_, index) => ({ onClick: () => setCursor(index ?? 0) })}
        pagination={{ current: queue.page, pageSize: PAGE_SIZE, total: queue.total, showSizeChanger: false, onChange: queue.setPage }}
        columns={[
          { title: t('photo'), dataIndex: 'imgUrl', width: 136, render: (url: string, row) => (
              // The full photo opens in a tab of its own: large enough to judge, without a viewer in the page's first load.
              <a href={url} target="_blank" rel="noreferrer">
                <img src={url} alt={row.name} width={120} height={150} style={{ objectFit: 'cover', borderRadius: 4 }} />
              </a>
            ) },
          { title: t('name'), dataIndex: 'name' },
          { title: t('phone'), dataIndex: 'telNo' },
          { title: t('cardNo'), dataIndex: 'cardNo' },
          { title: t('applyTime'), dataIndex: 'applyTime', render: (at: string) => new Date(at).toLocaleString() },
          { title: t('state'), dataIndex: 'state', render: (value: number) => <Tag color={STATE_COLOURS[value]}>{t(`state.${value}` as 'state.0')}</Tag> },
          {
            title: t('duplicates'),
            dataIndex: 'possibleDuplicates',
            render: (duplicates: Registration['possibleDuplicates']) =>
              duplicates?.length ? (
                duplicates.map((d) => (
                  <Tag key={d.id} color="orange" title={`${d.phone} · ${Math.round(d.score * 100)}%`}>
                    {d.name} {Math.round(d.score * 100)}%
                  </Tag>
                ))
              ) : (
                <Typography.Text type="secondary">{t('noDuplicates')}</Typography.Text>
              ),
          },
          ...(canReview
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, row: Registration) =>
                    row.state === 0 && (
                      <Space>
                        <Button size="small" type="primary" onClick={() => decide([row.id], true)}>
                          {t('approve')}
                        </Button>
                        <Button size="small" danger onClick={() => decide([row.id], false)}>
                          {t('reject')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
