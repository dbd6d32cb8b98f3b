import { Controller, HttpCode, Post } from '@nestjs/common';
import { BackOffice } from '../common/auth/back-office.decorator';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadOnlyPost } from '../common/audit/audit-read.decorator';
import { Authenticated, CurrentPrincipal } from '../common/auth/authenticated.decorator';
import { Principal } from '../common/auth/principal';
import { pageCount } from '../common/paging/page';
import { FormParams } from '../common/protocols/result-code/form-params.decorator';
import { JavaDateFormatter } from '../common/protocols/result-code/java-date.formatter';
import { resultOk } from '../common/protocols/result-code/result-code';
import { ApiResultEnvelope } from '../common/protocols/result-code/result-code.swagger';
import { UploadedFileNamed } from '../common/protocols/result-code/uploaded-file.decorator';
import { FacePageDto, FaceRowDto, ImageUrlDto } from './dto/face-page.dto';
import { DEFAULT_PAGE_SIZE, GetFacesParams, MAX_PAGE_SIZE } from './dto/get-faces.params';
import { RegisterParams } from './dto/register.params';
import { FacePhotoService, UploadedPhoto } from './face-photo.service';
import { ANY_STATE } from './face-registration-state';
import { FaceRegistration } from './face-registration.entity';
import { FaceRegistrationQuery } from './face-registration.query';
import { FaceRegistrationService } from './face-registration.service';

@ApiTags('SkyFaceRegister: face registration')
@Controller('SkyFaceRegister')
@BackOffice('people')
export class FaceRegistryController {
  constructor(
    private readonly registrations: FaceRegistrationService,
    private readonly query: FaceRegistrationQuery,
    private readonly photos: FacePhotoService,
    private readonly javaDates: JavaDateFormatter,
  ) {}

  @Post('register.do')
  @HttpCode(200)
  @Authenticated('wechat')
  @ApiOperation({
    summary: 'Submit a face registration (mini-program token)',
    description:
      'Multipart: name, telNo, optional cardId and the photo as part "fileStream" or "file" (JPEG or PNG, at most PHOTO_MAX_BYTES). ' +
      'Registering again with the same phone replaces a pending or rejected registration; an approved one answers -8.',
  })
  @ApiResultEnvelope(ImageUrlDto, RegisterParams, 'fileStream')
  async register(
    @FormParams() params: RegisterParams,
    @UploadedFileNamed(['fileStream', 'file']) photo: UploadedPhoto | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { imgUrl } = await this.registrations.register({
      openId: principal.subject,
      name: params.name,
      telNo: params.telNo,
      cardId: params.cardId,
      photo,
    });
    return resultOk({ imgUrl });
  }

  @Post('getfaces.do')
  @HttpCode(200)
  @ReadOnlyPost()
  @Authenticated()
  @ApiOperation({
    summary: 'List registrations, newest first',
    description: 'An administrator token sees every registration; a mini-program token only its own.',
  })
  @ApiResultEnvelope(FacePageDto, GetFacesParams)
  async getFaces(@FormParams() params: GetFacesParams, @CurrentPrincipal() principal: Principal) {
    const size = Math.min(params.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const page = params.pageNum ?? params.currentPage ?? 1;
    const result = await this.query.page(
      {
        openId: principal.role === 'wechat' ? principal.subject : undefined,
        state: params.state ?? ANY_STATE,
        text: params.fields,
      },
      { page, size },
    );
    const body: FacePageDto = {
      currentPage: result.page,
      pageSize: result.size,
      totalPage: pageCount(result.total, result.size),
      totalRecord: result.total,
      dataList: result.items.map((row) => this.toRow(row)),
    };
    return resultOk(body);
  }

  private toRow(row: FaceRegistration): FaceRowDto {
    return {
      id: row.id,
      name: row.name,
      telNo: row.telNo,
      applyTime: this.javaDates.toJava(row.applyTime),
      imgUrl: this.photos.url(row.photoKey),
      cardNo: Number(row.cardNo),
      state: row.state,
    };
  }
}
