import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { SecretBox } from '../../common/crypto/secret-box';
import { ServerSettingsDto, TemplateSettingsDto } from './dto/settings.dto';
import { VisitorSetting } from './visitor-setting.entity';
import { UnitOfWork } from '../../database/unit-of-work';

const SERVER_KEYS = ['koala_ip', 'koala_username', 'koala_password', 'cloud_url'] as const;
/** Kept sealed with DATA_SECRET_KEY. */
const SEALED = new Set<string>(['koala_password']);
const TEMPLATE_KEYS = [
  'approval_reminder_to_employee_wechat_id',
  'approval_reminder_to_employee_sms_id',
  'visitor_signin_to_employee_wechat_id',
  'visitor_signin_to_employee_sms_id',
  'approval_pass_to_visitor_wechat_id',
  'approval_pass_to_visitor_sms_id',
  'signin_to_visitor_wechat_id',
  'signin_to_visitor_sms_id',
  'binding_notice_to_employee_wechat_id',
  'binding_notice_to_employee_sms_id',
] as const;


/** The back office's server and template settings (name/value rows; absent means empty). */
@Injectable()
export class VisitorSettingsService {
  private readonly logger = new Logger(VisitorSettingsService.name);

  constructor(
    @InjectRepository(VisitorSetting) private readonly settings: Repository<VisitorSetting>,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async servers(): Promise<ServerSettingsDto> {
    return (await this.read(SERVER_KEYS)) as unknown as ServerSettingsDto;
  }

  async saveServers(values: ServerSettingsDto): Promise<ServerSettingsDto> {
    await this.write(SERVER_KEYS, values);
    this.logger.log(`server settings changed (${SERVER_KEYS.join(', ')})`);
    return this.servers();
  }

  async templates(manager?: EntityManager): Promise<TemplateSettingsDto> {
    return (await this.read(TEMPLATE_KEYS, manager)) as unknown as TemplateSettingsDto;
  }

  async saveTemplates(values: TemplateSettingsDto): Promise<TemplateSettingsDto> {
    await this.write(TEMPLATE_KEYS, values);
    this.logger.log('notification templates changed');
    return this.templates();
  }

  private async read(keys: readonly string[], manager?: EntityManager): Promise<Record<string, string>> {
    const repository = manager?.getRepository(VisitorSetting) ?? this.settings;
    const rows = new Map((await repository.findBy({ name: In([...keys]) })).map((row) => [row.name, row.value]));
    return Object.fromEntries(keys.map((key) => [key, this.reveal(key, rows.get(key) ?? '')]));
  }

  private async write(keys: readonly string[], values: object): Promise<void> {
    const now = this.clock.now();
    const source = values as Record<string, string | undefined>;
    // A key left out keeps its value: clients written before a key existed do not clear it.
    const given = keys.filter((name): name is string => source[name] !== undefined) as string[];
    const rows = given.map((name) => this.settings.create({ name, value: SEALED.has(name) && source[name] ? this.secrets.seal(source[name]!) : source[name], updatedAt: now }));
    // One after the other: TypeORM would send a batch's updates at once on the unit's one connection.
    await this.unitOfWork.run(async (manager) => {
      for (const row of rows) await manager.getRepository(VisitorSetting).save(row);
    });
  }

  private reveal(key: string, value: string): string {
    return SEALED.has(key) && value ? this.secrets.open(value) : value;
  }
}
