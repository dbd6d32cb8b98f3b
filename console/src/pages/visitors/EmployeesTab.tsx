import { App, Button, Input, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { usePaged } from '../../api/use-paged';
import { useI18n } from '../../i18n/i18n';

type Employee = components['schemas']['EmployeeDto'];
type Report = components['schemas']['ImportReportDto'];

/** The employee directory visits are made to, with the CSV import and its per-line refusals. */
export function EmployeesTab({ canChange }: { canChange: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const employees = usePaged((page) => ok(api.GET('/api/admin/employees', { params: { query: { page, size: 20, ...(search ? { q: search } : {}) } } })), [search]);

  const importFile = async (file: File) => {
    try {
      const result = await ok(
        api.POST('/api/admin/employees/import', {
          body: { file: file as unknown as string },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append('file', body.file as unknown as Blob, file.name);
            return form;
          },
        }),
      );
      setReport(result);
      message.success(t('importReport', { created: result.created, updated: result.updated, rejected: result.rejected }));
      await employees.reload();
    } catch (error) {
      message.error((error as Error).message);
    }
    return false;
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('search')} style={{ width: 260 }} maxLength={50} onSearch={(value) => setSearch(value.trim())} />
        {canChange && (
          <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={importFile}>
            <Button data-testid="import-employees">{t('importCsv')}</Button>
          </Upload>
        )}
      </Space>
      {report && report.rows.length > 0 && (
        <Table
          rowKey="line"
          size="small"
          style={{ marginBottom: 16 }}
          data-testid="import-report"
          title={() => t('importReport', { created: report.created, updated: report.updated, rejected: report.rejected })}
          pagination={false}
          dataSource={report.rows}
          columns={[
            { title: t('line'), dataIndex: 'line' },
            { title: t('name'), dataIndex: 'name' },
            { title: t('phone'), dataIndex: 'phone' },
            { title: t('reason'), dataIndex: 'reason' },
          ]}
        />
      )}
      <Table<Employee>
        rowKey="id"
        loading={employees.loading}
        dataSource={employees.rows}
        data-testid="employees"
        pagination={{ current: employees.page, pageSize: 20, total: employees.total, showSizeChanger: false, onChange: employees.setPage }}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('phone'), dataIndex: 'phone' },
          { title: t('department'), dataIndex: 'department' },
        ]}
      />
    </>
  );
}
