import { App as AntApp, ConfigProvider, Spin } from 'antd';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';

// Each page is its own chunk, the login page too: a page loads only what it shows.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const ReviewPage = lazy(() => import('./pages/ReviewPage'));
const PeoplePage = lazy(() => import('./pages/PeoplePage'));
const DoorsPage = lazy(() => import('./pages/DoorsPage'));
const RecordsPage = lazy(() => import('./pages/RecordsPage'));
const AccountsPage = lazy(() => import('./pages/AccountsPage'));
const VisitorsPage = lazy(() => import('./pages/VisitorsPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));

const FONT = '"Noto Sans SC", -apple-system, "Segoe UI", sans-serif';

/** antd's words in the console's language: Chinese comes with the first load, English when first asked for. */
function useAntdLocale(language: 'zh' | 'en'): Locale {
  const [english, setEnglish] = useState<Locale | null>(null);
  useEffect(() => {
    if (language === 'en' && !english) void import('antd/locale/en_US').then((module) => setEnglish(module.default));
  }, [language, english]);
  return language === 'en' && english ? english : zhCN;
}

export function App() {
  const { language } = useI18n();
  const locale = useAntdLocale(language);
  return (
    <ConfigProvider locale={locale} theme={{ token: { fontFamily: FONT } }}>
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
