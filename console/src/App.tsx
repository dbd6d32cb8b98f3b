import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';

// Each page is its own chunk: the login page loads nothing else.
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const ReviewPage = lazy(() => import('./pages/ReviewPage'));
const PeoplePage = lazy(() => import('./pages/PeoplePage'));
const DoorsPage = lazy(() => import('./pages/DoorsPage'));
const RecordsPage = lazy(() => import('./pages/RecordsPage'));
const AccountsPage = lazy(() => import('./pages/AccountsPage'));
const VisitorsPage = lazy(() => import('./pages/VisitorsPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));

const FONT = '"Noto Sans SC", -apple-system, "Segoe UI", sans-serif';

export function App() {
  const { language } = useI18n();
  return (
    <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={{ token: { fontFamily: FONT } }}>
      <AntApp>
        <HashRouter>
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<AppLayout />}>
                <Route path="/" element={<DashboardPage />} />
                <Route path="/review" element={<ReviewPage />} />
                <Route path="/people" element={<PeoplePage />} />
                <Route path="/doors" element={<DoorsPage />} />
                <Route path="/records" element={<RecordsPage />} />
                <Route path="/accounts" element={<AccountsPage />} />
                <Route path="/visitors" element={<VisitorsPage />} />
                <Route path="/audit" element={<AuditPage />} />
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}
