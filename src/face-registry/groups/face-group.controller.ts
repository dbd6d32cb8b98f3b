import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { hotelOk, HotelStatus, HotelStatusError } from '../../common/protocols/hotel/hotel-envelope';
import { parseHotelRequest } from '../../common/protocols/hotel/hotel-request';
import { LocalStatuses, withStatuses } from '../../common/protocols/hotel/hotel-statuses';
import { ApiHotelEndpoint } from '../../common/protocols/hotel/hotel.swagger';
import type { HotelAccount } from '../../wechat-auth/hotel-accounts/hotel-account.entity';
import { HotelSession } from '../../wechat-auth/hotel-accounts/hotel-session';
import { BadGroupIdError, DefaultGroupError, GroupLimitError, GroupNameTakenError, GroupNotNamedError, NoSuchGroupError } from './face-group.errors';
import { FaceGroup } from './face-group.entity';
import { FaceGroups } from './face-groups.service';
import { GROUP_CREATE, GROUP_DELETE, GROUP_GET, GROUP_LIST, GROUP_UPDATE } from './hotel-face.requests';

const REQUESTS = [GROUP_CREATE, GROUP_DELETE, GROUP_UPDATE, GROUP_GET, GROUP_LIST];
const FINDING: LocalStatuses = [
  [BadGroupIdError, 100, 'Error Group ID'],
  [GroupNotNamedError, 101, 'Need Group ID or Group name'],
  [NoSuchGroupError, 102, 'No such Group'],
];

@ApiTags('hotel: face groups')
@Controller('api/face/group')
export class FaceGroupController {
  constructor(
    private readonly groups: FaceGroups,
    private readonly session: HotelSession,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiHotelEndpoint({
    summary: 'Create, delete, update, get or list face groups (人员库)',
    description:
      'create, delete and update are for hotel administrators (-103 otherwise); get and list for any account. A group is named by group_id (an integer, ' +
      'or an integer string) or group_name; group_id wins. Deleting a group deletes its faces; group 1, "默认人员库", cannot be deleted. ' +
      'create answers {group_id}, get {group_id, group_name, group_content}, list {num, list: [...]}.',
    token: true,
    requests: REQUESTS,
    data: { group_id: 5, group_name: '西和5幢人员库', group_content: '浙江科技学院西和公寓5幢人脸数据库' },
    statuses:
      'create: 100 FaceGroup name has existed, 101 Create FaceGroup Failed (a site holds at most 1000 groups); ' +
      'delete, update, get: 100 Error Group ID, 101 Need Group ID or Group name, 102 No such Group; delete: 103 Delete Group Failed (the default group)',
  })
  async group(@Query('token') token: unknown, @Body() body: unknown) {
    const account = await this.session.account(token);
    const request = parseHotelRequest(body, REQUESTS);
    switch (request.subtype) {
      case 'create': {
        this.administrator(account);
        const { data } = request;
        const group = await withStatuses([[GroupNameTakenError, 100, 'FaceGroup name has existed'], [GroupLimitError, 101, 'Create FaceGroup Failed']], () =>
          this.groups.create(data.group_name, data.group_content ?? ''),
        );
        return hotelOk(request.id, { group_id: group.id });
      }
      case 'delete': {
        this.administrator(account);
        const ref = { id: request.data.group_id, name: request.data.group_name };
        await withStatuses([...FINDING, [DefaultGroupError, 103, 'Delete Group Failed']], () => this.groups.delete(ref, `hotel account ${account.username}`));
        return hotelOk(request.id);
      }
      case 'update': {
        this.administrator(account);
        const { data } = request;
        await withStatuses(FINDING, () => this.groups.update({ id: data.group_id, name: data.group_name }, data.group_content));
        return hotelOk(request.id);
      }
      case 'get':
        return hotelOk(request.id, shown(await withStatuses(FINDING, () => this.groups.find({ id: request.data.group_id, name: request.data.group_name }))));
      case 'list': {
        const groups = await this.groups.list();
        return hotelOk(request.id, { num: groups.length, list: groups.map(shown) });
      }
    }
  }

  private administrator(account: HotelAccount): void {
    if (account.role !== 'admin') throw HotelStatusError.global(HotelStatus.NoPermission, 'only a hotel administrator may change face groups');
  }
}

function shown(group: FaceGroup) {
  return { group_id: group.id, group_name: group.name, group_content: group.content };
}
