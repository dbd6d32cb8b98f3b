import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import { createContext, lazy, Suspense, useContext, useState } from 'react';
import { api, ok } from '../api/client';

import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { currentToken, forgetToken } from '../auth/session';
import { Me, useMe } from '../auth/use-me';
import { useI18n } from '../i18n/i18n';

// Only opened on demand: its form and dialog stay out of the first load.
const PasswordModal = lazy(() => import('../components/PasswordModal').then((module) => ({ default: module.PasswordModal })));

const MeContext = createContext<Me | null>(null);
export const useAccount = () => useContext(MeContext);

/** The frame of every page after login: the menu, the account and the language switch. */
export function AppLayout() {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const [changingPassword, setChangingPassword] = useState(false);
  if (!currentToken()) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <MeContext.Provider value={me}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
            {t('appName')}
          </Typography.Title>
          <div style={{ flex: 1 }} />
          <Space>
            {me && (
              <Tag color="blue" data-testid="account">
                {me.username} · {me.role}
              </Tag>
            )}
            <Button size="small" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} data-testid="language">
              {t('language')}
            </Button>
            <Button size="small" onClick={() => setChangingPassword(true)}>
              {t('changePassword')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                forgetToken();
                navigate('/login');
              }}
            >
              {t('logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={180} breakpoint="lg" collapsedWidth={0}>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[location.pathname]}
              items={[
                { key: '/', label: t('dashboard') },
                { key: '/review', label: t('review') },
                { key: '/people', label: t('people') },
                { key: '/doors', label: t('doors') },
                { key: '/records', label: t('records') },
                { key: '/visitors', label: t('visitors') },
                ...(me?.role === 'admin' || me?.role === 'auditor' ? [{ key: '/audit', label: t('audit') }] : []),
              ...(me?.role === 'admin' ? [{ key: '/accounts', label: t('accounts') }] : []),
              ]}
              onClick={({ key }) => navigate(key)}
            />
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }}>
            {/* The frame shows (and asks who is logged in) while the page's own code loads. */}
            <Suspense fallback={<Spin style={{ margin: 48 }} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
        {changingPassword && (
          <Suspense>
          <PasswordModal
            title={t('changePassword')}
            needsOld
            save={async ({ oldPassword, newPassword }) => {
              await ok(api.PUT('/api/admin/accounts/me/password', { body: { oldPassword: oldPassword ?? '', newPassword } }));
            }}
            onClose={() => setChangingPassword(false)}
          />
          </Suspense>
        )}
      </Layout>
    </MeContext.Provider>
  );
}
