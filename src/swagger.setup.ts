import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LIVE_MESSAGE_MODELS } from './admin-review/live/live-message';

export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('FaceGate')
    .setDescription(
      'One backend for face registration, door terminals and visitor appointments.\n\n' +
        '* `/SkyFaceRegister/*.do`: the face-registration protocol of the mini-program, the PC review page and the ' +
        'desktop management tool. Form, multipart or query-string fields; the token travels as the `accessToken` field; ' +
        'every answer is HTTP 200 with the `result_code` envelope.\n' +
        '* `/api/admin/*`: plain REST for administrators, Bearer token from `login.do`, errors as `application/problem+json`.\n' +
        '* `/v1/*`: the visitor H5 pages, the kiosk and the gates: JSON, `{code, err_msg, data}` envelope, HTTP 200.\n' +
        '* `/api/*` (other than admin): the hotel mini-program, `{id, type, subtype, data}` requests, `{id, status, message, data}` answers, `?token=`.\n' +
        '* `/api/face-identity/*`: the backend of WeChat face identity (人脸核身), `{ec, em}` answers.\n' +
        '* `/sy*/{deviceId}`: callbacks of the door terminals, `{ret, desc}` answers.\n' +
        '* `/health/live`, `/health/ready`: for load balancers.\n' +
        '* `ws(s)://…/api/admin/live`: the console\'s live socket (subprotocols `facegate.bearer, <token>`); its messages are the `Live*Dto` schemas.',
    )
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config, { extraModels: LIVE_MESSAGE_MODELS }), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
}
