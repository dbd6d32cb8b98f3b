import { App, Button, Card, Col, Form, Input, Row } from 'antd';
import { useEffect, useState } from 'react';
import { api, okV1 } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';

type Templates = components['schemas']['TemplateSettingsDto'];
type Servers = components['schemas']['ServerSettingsDto'];

type Values = Record<string, string>;

/** A settings document of the visitor server, one text field per key the server sends, saved whole. */
function SettingsForm({ title, load, save, canChange, secret }: { title: string; load: () => Promise<Values>; save: (values: Values) => Promise<unknown>; canChange: boolean; secret?: string[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [fields, setFields] = useState<string[]>([]);
  useEffect(() => {
    load().then(
      (values) => {
        setFields(Object.keys(values));
        form.setFieldsValue(values);
      },
      (error: Error) => message.error(error.message),
    );
  }, [form, load, message]);
  const submit = async (values: Values) => {
    try {
      await save(values);
      message.success(t('changed'));
    } catch (error) {
      message.error((error as Error).message);
    }
  };
  return (
    <Card title={title} size="small">
      <Form form={form} layout="vertical" onFinish={submit} disabled={!canChange}>
        {fields.map((field) => (
          <Form.Item key={field} name={field} label={field}>
            {secret?.includes(field) ? <Input.Password autoComplete="off" /> : <Input maxLength={200} />}
          </Form.Item>
        ))}
        {canChange && <Button type="primary" htmlType="submit">{t('save')}</Button>}
      </Form>
    </Card>
  );
}

const loadTemplates = async () => (await okV1(api.GET('/v1/config/templates'))).data;
const loadServers = async () => (await okV1(api.GET('/v1/config/servers'))).data;

/** Message templates and visitor server settings (/v1/config). */
export function SettingsTab({ canChange }: { canChange: boolean }) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <SettingsForm title={t('templates')} load={loadTemplates} save={(body) => okV1(api.PUT('/v1/config/templates', { body: body as Templates }))} canChange={canChange} />
      </Col>
      <Col xs={24} lg={12}>
        <SettingsForm title={t('servers')} load={loadServers} save={(body) => okV1(api.PUT('/v1/config/servers', { body: body as Servers }))} canChange={canChange} secret={['koala_password']} />
      </Col>
    </Row>
  );
}
