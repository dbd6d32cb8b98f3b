import { Badge, Space, Tag, Tooltip } from 'antd';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/i18n';

type Terminal = components['schemas']['TerminalDto'];

/** A door's record link, and whether it refuses FaceGate's password (then nothing reaches it until the password is changed). */
export function DoorState({ door }: { door: Pick<Terminal, 'linkState' | 'credentialsRefusedAt' | 'nextAttemptAt'> }) {
  const { t } = useI18n();
  const state = door.linkState;
  return (
    <Space size={4} wrap>
      <Badge status={state === 'connected' ? 'success' : state === 'connecting' ? 'processing' : 'error'} text={t(`link.${state}`)} />
      {door.credentialsRefusedAt && (
        <Tooltip
          title={t('credentialsRefusedHelp', {
            since: new Date(door.credentialsRefusedAt).toLocaleString(),
            next: door.nextAttemptAt ? new Date(door.nextAttemptAt).toLocaleTimeString() : '—',
          })}
        >
          <Tag color="red" data-testid="credentials-refused">{t('credentialsRefused')}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
