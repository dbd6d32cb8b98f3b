import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatApi } from './wechat-api.client';
import { WechatLoginController } from './wechat-login.controller';
import { WechatLoginService } from './wechat-login.service';
import { WechatUser } from './wechat-user.entity';

/** End-user identity: WeChat mini-program login and sessions. */
@Module({
  imports: [TypeOrmModule.forFeature([WechatUser])],
  controllers: [WechatLoginController],
  providers: [WechatApi, WechatLoginService],
})
export class WechatAuthModule {}
