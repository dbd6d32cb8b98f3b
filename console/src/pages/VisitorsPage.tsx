import { Card, Tabs } from 'antd';
import { mayChange } from '../auth/use-me';
import { useI18n } from '../i18n/i18n';
import { useAccount } from '../layout/AppLayout';
import { BindingsTab } from './visitors/BindingsTab';
import { EmployeesTab } from './visitors/EmployeesTab';
import { NotificationsTab } from './visitors/NotificationsTab';
import { SettingsTab } from './visitors/SettingsTab';
import { VisitsTab } from './visitors/VisitsTab';

/** Visits, employees, bindings, messages and settings of the visitor system. */
export default function VisitorsPage() {
  const { t } = useI18n();
  const canChange = mayChange(useAccount(), 'visitors');
  return (
    <Card title={t('visitors')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'visits', label: t('visits'), children: <VisitsTab /> },
          { key: 'employees', label: t('employees'), children: <EmployeesTab canChange={canChange} /> },
          { key: 'bindings', label: t('bindings'), children: <BindingsTab canChange={canChange} /> },
          { key: 'notifications', label: t('notifications'), children: <NotificationsTab canChange={canChange} /> },
          { key: 'settings', label: t('settings'), children: <SettingsTab canChange={canChange} /> },
        ]}
      />
    </Card>
  );
}
