import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { hotelOk, HotelStatus, HotelStatusError } from '../../common/protocols/hotel/hotel-envelope';
import { parseHotelRequest } from '../../common/protocols/hotel/hotel-request';
import { withStatuses } from '../../common/protocols/hotel/hotel-statuses';
import { ApiHotelEndpoint } from '../../common/protocols/hotel/hotel.swagger';
import { HotelSession } from '../../wechat-auth/hotel-accounts/hotel-session';
import { NotCertifiedError } from '../../wechat-auth/real-name/real-name.service';
import { FaceBox } from '../engine/face-engine';
import { FaceTooSmallError, NoFaceError, SeveralFacesError } from '../quality/face-quality.errors';
import { NoSuchGroupError } from './face-group.errors';
import { DEFAULT_GROUP_ID } from './face-groups.service';
import { FACE_FIND, FACE_REGISTER, FACE_VERIFY } from './hotel-face.requests';
import { NoFaceAuthenticationError } from './hotel-face.errors';
import { ALL_GROUPS, HotelFaces } from './hotel-faces.service';

const REQUESTS = [FACE_REGISTER, FACE_FIND, FACE_VERIFY];

/** The spec: two decimals, and 0.00 below the match line. */
const threshold = (score: number, matches: boolean) => (matches ? Math.round(score * 100) / 100 : 0);

/** The box as the spec's four integer corners. */
function corners([left, top, right, bottom]: FaceBox) {
  const [x1, y1, x2, y2] = [left, top, right, bottom].map(Math.round);
  return { top_left: [x1, y1], top_right: [x2, y1], bottom_left: [x1, y2], bottom_right: [x2, y2] };
}

/** ret_type 1 adds what this engine has: no age or gender model (null and ""), and the face's corners. */
const FULL = (box: FaceBox) => ({ age: null, gender: '', ...corners(box) });

function retType(value: number | undefined): 0 | 1 {
  if (value === undefined || value === 0 || value === 1) return value ?? 0;
  throw HotelStatusError.global(HotelStatus.ValueError, 'ret_type must be 0 (short) or 1 (full)');
}

@ApiTags('hotel: faces')
@Controller('api/face')
export class HotelFaceController {
  constructor(
    private readonly faces: HotelFaces,
    private readonly session: HotelSession,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: 'Register a face, find faces 1:N, or verify a face 1:1 (base64 images)',
    description:
      'register: only for an account with a real-name record; the face is filed under its ID number in group db (default 1), replacing the earlier one; ' +
      'the image must show exactly one face (and, with FACE_GATE on, at least FACE_MIN_SIZE_PX between the eyes). Answers {face_id} (masked). ' +
      'find: every face in the image with its best match in group db (default -1: all groups), {num, list: [{ID, name, liveness, threshold}]}; ' +
      'verify: the one face in the image against the account\'s own registered face, {result, liveness, threshold}. ' +
      'threshold is the similarity on a 0..1 scale with two decimals, 0.00 below FACE_MATCH_THRESHOLD (0.80). ID numbers are masked. ' +
      'ret_type 1 adds age and gender, always null and "" (this engine has no model for them), and the box corners [x, y] in the image\'s pixels. ' +
      'liveness is true for every face the engine analysed: it is NOT an anti-spoofing check (a photo of a photo passes); use WeChat face identity (人脸核身) for that. ' +
      'While the engine loads, or when it is busy, the answer is -404 with "try again". Each account may make FACE_REQUESTS_PER_ACCOUNT_PER_MINUTE of these calls (-204 beyond).',
    token: true,
    requests: REQUESTS,
    data: {
      num: 1,
      list: [{ ID: '331082********089X', name: '王凌超', age: null, threshold: 0.98, gender: '', liveness: true, top_left: [61, 94], top_right: [157, 94], bottom_left: [61, 189], bottom_right: [157, 189] }],
    },
    statuses:
      'register: 100 Faces group not exist (or No Permission Operate: no real-name record), 101 Register face failed (the face is too small), 102 No face data in base64, 103 Too much face data in base64; ' +
      'find: 100 No face data in base64 (a db that does not exist is -204); verify: 100 No face authentication, 101 No face data in base64, 102 Too much face data in base64',
  })
  async face(@Query('token') token: unknown, @Body() body: unknown) {
    const account = await this.session.account(token);
    const request = parseHotelRequest(body, REQUESTS);
    switch (request.subtype) {
      case 'register': {
        const { data } = request;
        const faceId = await withStatuses(
          [
            [NotCertifiedError, 100, 'No Permission Operate'],
            [NoSuchGroupError, 100, 'Faces group not exist'],
            [FaceTooSmallError, 101, 'Register face failed'],
            [NoFaceError, 102, 'No face data in base64'],
            [SeveralFacesError, 103, 'Too much face data in base64'],
          ],
          () => this.faces.register(account, data.base64, data.db ?? DEFAULT_GROUP_ID, data.content ?? ''),
        );
        return hotelOk(request.id, { face_id: faceId });
      }
      case 'find': {
        const { data } = request;
        const full = retType(data.ret_type) === 1;
        const found = await withStatuses(
          [
            [NoFaceError, 100, 'No face data in base64'],
            [NoSuchGroupError, HotelStatus.ValueError, "Arg's value error"],
          ],
          () => this.faces.find(account, data.base64, data.db ?? ALL_GROUPS),
        );
        const list = found.map(({ box, match }) => ({
          ID: match?.maskedId ?? '',
          name: match?.name ?? '',
          liveness: true,
          threshold: match ? threshold(match.score, true) : 0,
          ...(full ? FULL(box) : {}),
        }));
        return hotelOk(request.id, { num: list.length, list });
      }
      case 'verify': {
        const { data } = request;
        const full = retType(data.ret_type) === 1;
        const verified = await withStatuses(
          [
            [NoFaceAuthenticationError, 100, 'No face authentication'],
            [NoFaceError, 101, 'No face data in base64'],
            [SeveralFacesError, 102, 'Too much face data in base64'],
          ],
          () => this.faces.verify(account, data.base64),
        );
        const answer = { result: verified.matches, liveness: true, threshold: threshold(verified.score, verified.matches) };
        return hotelOk(request.id, full ? { ...answer, ID: verified.matches ? verified.maskedId : '', ...FULL(verified.box) } : answer);
      }
    }
  }
}
