import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { logIn } from '../auth/session';
import { useI18n } from '../i18n/i18n';

/** Login through login.do; afterwards back to the page the user was on (`?next=`). */
export default function LoginPage() {
  const { t, language, setLanguage } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(params.get('expired') ? t('sessionExpired') : null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ userName, password }: { userName: string; password: string }) => {
    setBusy(true);
    try {
      await logIn(userName, password);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('/login') ? next : '/', { replace: true });
    } catch (failure) {
      setError(`${t('loginFailed')}: ${(failure as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: '12vh' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3}>{t('appName')}</Typography.Title>
        {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="userName" label={t('username')} rules={[{ required: true, message: t('usernameRequired') }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login')}
          </Button>
        </Form>
        <Button type="link" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} style={{ marginTop: 8, padding: 0 }} data-testid="language">
          {t('language')}
        </Button>
      </Card>
    </div>
  );
}
