import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

const LENGTH = { min: 6, max: 64 };

/**
 * Asks for a new password (and the current one when `needsOld`); `save` does the call and throws
 * the server's refusal, which is shown without closing.
 */
export function PasswordModal({ title, needsOld, save, onClose }: { title: string; needsOld: boolean; save: (values: { oldPassword?: string; newPassword: string }) => Promise<void>; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ oldPassword?: string; newPassword: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { oldPassword?: string; newPassword: string }) => {
    setBusy(true);
    try {
      await save(values);
      message.success(t('changed'));
      onClose();
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} okText={t('save')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose}>
      <Form form={form} layout="vertical" onFinish={submit}>
        {needsOld && (
          <Form.Item name="oldPassword" label={t('oldPassword')} rules={[{ required: true, message: t('required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('required') }, { ...LENGTH, message: t('passwordLength') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
