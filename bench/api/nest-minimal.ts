import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { answerFirstPage, openBaselineDatabase } from './baseline-handler';

/**
 * The framework's floor: NestJS on Express with one handler doing exactly what the bare baseline
 * does (same SQL, same JSON), and nothing else: no guard, validation, logging or ORM.
 */
const handle = answerFirstPage(openBaselineDatabase(process.env.DB_PATH!), process.env.PUBLIC_BASE_URL!);

@Controller('SkyFaceRegister')
class MinimalController {
  @Post('getfaces.do')
  @HttpCode(200)
  getFaces(@Body() params: Record<string, string>) {
    return handle(new URLSearchParams(params));
  }
}

@Module({ controllers: [MinimalController] })
class MinimalModule {}

void (async () => {
  const app = await NestFactory.create<NestExpressApplication>(MinimalModule, { logger: false });
  app.set('etag', false);
  await app.listen(Number(process.env.PORT), '127.0.0.1');
})();
