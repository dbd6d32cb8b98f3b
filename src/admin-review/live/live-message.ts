import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES } from '../../common/auth/staff-role';
import { AccessRecordReceived } from '../../events';

/**
 * The messages of `/api/admin/live`, one JSON object each. WebSocket messages have no place in
 * OpenAPI's paths, so they are published as schemas of the document (the console is typed from them).
 */
export class LiveRecordDto {
  @ApiProperty({ example: 1042 }) id: number;
  @ApiProperty({ example: 3 }) terminalId: number;
  @ApiProperty({ nullable: true, type: String, example: '张三' }) name: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'FR12' }) userId: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 1, description: '1 employee, 2 visitor, 3 blacklist, -1 stranger' }) userType: number | null;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) signedAt: string;
  @ApiProperty({ nullable: true, type: Number, example: 91 }) similarity: number | null;
  @ApiProperty({ description: 'a stranger, a blacklisted person or a door the terminal kept shut' }) denied: boolean;
}

/** Sent first: the socket is authenticated. Sent again after a renewal with `{"type":"auth","token":…}`. */
export class LiveHelloDto {
  @ApiProperty({ enum: ['hello'] }) type: 'hello';
  @ApiProperty({ enum: STAFF_ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String, example: 'admin' }) username: string | null;
}

/** People at the doors in one hour of the site's clock, among the records of one message (those left out too). */
export class LiveHourDto {
  @ApiProperty({ example: '2026-12-03T01:00:00.000Z', description: "the hour's first instant" }) start: string;
  @ApiProperty({ example: 12 }) passed: number;
  @ApiProperty({ example: 1 }) denied: number;
}

/** The newest access records since the last message (at most 50), how many were left out, and every entry of them counted by hour. */
export class LiveRecordsDto {
  @ApiProperty({ enum: ['records'] }) type: 'records';
  @ApiProperty({ type: [LiveRecordDto] }) items: LiveRecordDto[];
  @ApiProperty({ example: 0 }) skipped: number;
  @ApiProperty({ type: [LiveHourDto], description: 'the people at the doors among all the records of this message, by hour (what /api/admin/access-records/hourly counts)' })
  hours: LiveHourDto[];
}

/** A door's record link changed state, or it began or stopped refusing FaceGate's password. */
export class LiveTerminalDto {
  @ApiProperty({ enum: ['terminal'] }) type: 'terminal';
  @ApiProperty({ example: 3 }) terminalId: number;
  @ApiProperty({ enum: ['disconnected', 'connecting', 'connected', 'denied'] }) linkState: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: "since when the door refuses FaceGate's password" }) credentialsRefusedAt: string | null;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) at: string;
}

/** A terminal refused a person for good. */
export class LiveProvisioningFailedDto {
  @ApiProperty({ enum: ['provisioning-failed'] }) type: 'provisioning-failed';
  @ApiProperty({ example: 12 }) registrationId: number;
  @ApiProperty({ example: 'FR12' }) personId: string;
  @ApiProperty({ example: 3 }) terminalId: number;
  @ApiProperty({ example: 'Main gate' }) terminalName: string;
  @ApiProperty({ example: 'no face found in the photo (30002)' }) reason: string;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) at: string;
}

/** A registration now waits for review. */
export class LiveRegistrationDto {
  @ApiProperty({ enum: ['registration'] }) type: 'registration';
  @ApiProperty({ example: 12 }) registrationId: number;
  @ApiProperty({ example: '张三' }) name: string;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) at: string;
}

/** A registration left the review queue (approved, rejected or deleted): the consoles count the queue again. */
export class LiveRegistrationReviewedDto {
  @ApiProperty({ enum: ['registration-reviewed'] }) type: 'registration-reviewed';
  @ApiProperty({ example: 12 }) registrationId: number;
  @ApiProperty({ enum: ['approved', 'rejected', 'deleted'] }) change: 'approved' | 'rejected' | 'deleted';
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) at: string;
}

/** A visit was applied for, authorised, signed in, put back to waiting or deleted: the consoles count today's visitors again. */
export class LiveVisitDto {
  @ApiProperty({ enum: ['visit'] }) type: 'visit';
  @ApiProperty({ example: 428 }) applicationId: number;
  @ApiProperty({ enum: ['created', 'authorised', 'signed-in', 'unauthorised', 'deleted'] }) change: string;
  @ApiProperty({ example: '2026-11-29T06:02:00.000Z' }) at: string;
}

/** The session ended (expired, logged out, role changed): the socket closes with 4401. */
export class LiveExpiredDto {
  @ApiProperty({ enum: ['expired'] }) type: 'expired';
}

export type LiveMessage =
  | LiveHelloDto
  | LiveRecordsDto
  | LiveTerminalDto
  | LiveProvisioningFailedDto
  | LiveRegistrationDto
  | LiveRegistrationReviewedDto
  | LiveVisitDto
  | LiveExpiredDto;

export const LIVE_MESSAGE_MODELS = [
  LiveRecordDto,
  LiveHelloDto,
  LiveHourDto,
  LiveRecordsDto,
  LiveTerminalDto,
  LiveProvisioningFailedDto,
  LiveRegistrationDto,
  LiveRegistrationReviewedDto,
  LiveVisitDto,
  LiveExpiredDto,
];

export function liveRecordOf(event: AccessRecordReceived): LiveRecordDto {
  return {
    id: event.id,
    terminalId: event.terminalId,
    name: event.name,
    userId: event.userId,
    userType: event.userType,
    signedAt: event.signedAt,
    similarity: event.similarity,
    denied: event.denied,
  };
}
