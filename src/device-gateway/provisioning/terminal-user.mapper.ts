import { UserObject } from '../terminal-api/terminal-api.types';
import { AccessGrant } from './access-grant.entity';
import { unixSeconds } from '../../common/clock/unix-seconds';

/** Marks the users FaceGate puts on terminals (the terminal's "remark"). */
export const MANAGED_REMARK = 'FaceGate';

/** The terminal user a grant stands for, without the photo. */
export function terminalUserOf(grant: AccessGrant): UserObject {
  return {
    userId: grant.personId,
    userType: grant.userType,
    name: grant.name.slice(0, 80),
    mobile: grant.phone.slice(0, 20),
    icNumber: grant.cardNumber.slice(0, 40),
    jobNumber: '',
    remark: MANAGED_REMARK,
    ...(grant.startTime ? { startTime: unixSeconds(grant.startTime) } : {}),
    ...(grant.endTime ? { endTime: unixSeconds(grant.endTime) } : {}),
  };
}

/** Whether the terminal's copy differs from the grant in anything the terminal reports back. */
export function differsFrom(grant: AccessGrant, onTerminal: Partial<UserObject>): boolean {
  const wanted = terminalUserOf(grant);
  return (
    String(onTerminal.name ?? '') !== wanted.name ||
    String(onTerminal.mobile ?? '') !== wanted.mobile ||
    String(onTerminal.icNumber ?? '') !== wanted.icNumber ||
    Number(onTerminal.userType) !== wanted.userType ||
    Number(onTerminal.startTime ?? 0) !== (wanted.startTime ?? 0) ||
    Number(onTerminal.endTime ?? 0) !== (wanted.endTime ?? 0)
  );
}
