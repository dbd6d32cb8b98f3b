import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('FaceGate')
    .setDescription(
      'One backend for face registration, door terminals and visitor appointments.\n\n' +
        '* `/SkyFaceRegister/*.do`: the face-registration protocol of the mini-program, the PC review page and the ' +
        'desktop management tool. Form, multipart or query-string fields; the token travels as the `accessToken` field; ' +
        'every answer is HTTP 200 with the `result_code` envelope.\n' +
        '* `/api/admin/*`: plain REST for administrators, Bearer token from `login.do`, errors as `application/problem+json`.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
}
