import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Captcha } from './captcha/captcha.entity';
import { CaptchaController } from './captcha/captcha.controller';
import { CaptchaService } from './captcha/captcha.service';
import { ImageCaptchaRenderer } from './captcha/image-captcha.renderer';
import { AmapDistrictClient } from './district/amap-district.client';
import { DistrictController } from './district/district.controller';
import { DistrictService } from './district/district.service';
import { FaceIdentityCheck } from './face-identity/face-identity-check.entity';
import { FaceIdentityController } from './face-identity/face-identity.controller';
import { FaceIdentityService } from './face-identity/face-identity.service';
import { WechatFaceIdentityClient } from './face-identity/wechat-face-identity.client';
import { HotelAccount } from './hotel-accounts/hotel-account.entity';
import { HotelAccountsAdminController } from './hotel-accounts/hotel-accounts-admin.controller';
import { HotelAccountWriter } from './hotel-accounts/hotel-account.writer';
import { HotelAccountQuery } from './hotel-accounts/hotel-account.query';
import { HotelAccountsService } from './hotel-accounts/hotel-accounts.service';
import { HotelProfileService } from './hotel-accounts/hotel-profile.service';
import { HotelFaceBindingListener } from './hotel-accounts/hotel-face-binding.listener';
import { HotelPurgeJob } from './hotel-accounts/hotel-purge.job';
import { HotelSession } from './hotel-accounts/hotel-session';
import { HotelToken } from './hotel-accounts/hotel-token.entity';
import { HotelTokens } from './hotel-accounts/hotel-tokens.service';
import { HotelUserController } from './hotel-accounts/hotel-user.controller';
import { PortraitController } from './hotel-accounts/portrait.controller';
import { PortraitService } from './hotel-accounts/portrait.service';
import { HotelPingController } from './hotel-ping.controller';
import { RealNameRecord } from './real-name/real-name-record.entity';
import { RealNameController } from './real-name/real-name.controller';
import { RealNameService } from './real-name/real-name.service';
import { WechatApi } from './wechat-api.client';
import { WechatLoginController } from './wechat-login.controller';
import { WechatLoginService } from './wechat-login.service';
import { WechatUser } from './wechat-user.entity';

/**
 * End-user identity: WeChat mini-program login and sessions; the hotel mini-program's accounts,
 * tokens, captchas and real-name records; the backend of WeChat face identity; the hotel API's district look-up.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WechatUser, HotelAccount, HotelToken, Captcha, RealNameRecord, FaceIdentityCheck])],
  controllers: [
    WechatLoginController,
    HotelPingController,
    HotelUserController,
    PortraitController,
    CaptchaController,
    RealNameController,
    FaceIdentityController,
    DistrictController,
    HotelAccountsAdminController,
  ],
  providers: [
    WechatApi,
    WechatLoginService,
    HotelTokens,
    HotelSession,
    HotelAccountsService,
    HotelAccountWriter,
    HotelAccountQuery,
    HotelProfileService,
    PortraitService,
    ImageCaptchaRenderer,
    CaptchaService,
    RealNameService,
    WechatFaceIdentityClient,
    FaceIdentityService,
    AmapDistrictClient,
    DistrictService,
    HotelPurgeJob,
    HotelFaceBindingListener,
  ],
  exports: [HotelSession, RealNameService],
})
export class WechatAuthModule {}
