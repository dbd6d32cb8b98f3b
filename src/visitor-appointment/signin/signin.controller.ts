import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { codeError, codeOk } from '../../common/protocols/code-err-msg/code-err-msg';
import { ApiCodeEnvelope } from '../../common/protocols/code-err-msg/code-err-msg.swagger';
import { KioskNetworks } from '../limits/kiosk-networks';
import { VisitorLimits } from '../limits/visitor-limits';
import { VisitPerson } from '../visits/visit-person.entity';
import { Visit, VisitPresenter } from '../visits/visit-presenter';
import { QrcodeBody, SignedPersonDto, SigninBody, SigninDto } from './dto/signin.dto';
import { QrVerdict, VisitSigninService } from './visit-signin.service';

const REFUSALS: Record<Exclude<QrVerdict, 'valid'>, [number, string]> = {
  unknown: [-208, '无效的二维码'],
  'not-started': [-210, '访问时间未到'],
  expired: [-209, '通行权限已过期'],
};

@ApiTags('v1: visitor kiosk and gates')
@Controller('v1/visit')
export class SigninController {
  constructor(
    private readonly signin: VisitSigninService,
    private readonly presenter: VisitPresenter,
    private readonly limits: VisitorLimits,
    private readonly networks: KioskNetworks,
  ) {}

  @Post('signin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in at the kiosk by the phone of the visitor or of any companion',
    description:
      "Takes today's earliest authorised visit of that phone not signed in yet; every person gets a QR code and door access " +
      'for the visit window. 404 when there is none (or it waits for authorisation), 409 when it is already signed in.',
  })
  @ApiCodeEnvelope(SigninDto)
  async signIn(@Body() body: SigninBody, @Ip() address: string) {
    this.networks.assertKiosk(address);
    await this.limits.address(address);
    await this.limits.targets({ phone: body.phone });
    return codeOk(this.signedIn(await this.signin.signIn(body.phone)));
  }

  @Post('qrcode')
  @HttpCode(200)
  @ApiOperation({ summary: "A gate asks whether a visitor's QR code lets them through now" })
  @ApiCodeEnvelope(undefined, { codes: '0 valid now; -208 unknown or malformed code; -210 the visit has not started; -209 the visit is over.' })
  async verify(@Body() body: QrcodeBody, @Ip() address: string) {
    this.networks.assertGate(address);
    await this.limits.gateCheck(address);
    const verdict = await this.signin.verify(body.qrcode);
    return verdict === 'valid' ? codeOk() : codeError(...REFUSALS[verdict]);
  }

  /** The kiosk's answer: each person with their QR code. */
  private signedIn({ application, people }: Visit): SigninDto {
    const person = (p: VisitPerson): SignedPersonDto => ({ subject_id: p.id, name: p.name, phone: p.phone, ...this.presenter.qr(application.id, p) });
    const [main, ...retinues] = people;
    return { id: application.id, ...person(main), retinues: retinues.map(person) };
  }
}
