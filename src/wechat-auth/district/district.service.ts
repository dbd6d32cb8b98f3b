import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { InvalidInputError, UpstreamError } from '../../common/errors/domain-errors';
import { AmapDistrict, AmapDistrictClient, DISTRICT_PARAMETERS, DistrictQuery } from './amap-district.client';

const CACHE_MS = 3600_000;
const CACHE_ENTRIES = 2000;
const AMAP_OK = '10000';

/** What each parameter may be (AMap's documented ranges), so nothing odd is forwarded. */
const RULES: Record<keyof DistrictQuery, RegExp> = {
  keywords: /^[^\u0000-\u001f]{0,64}$/,
  subdistrict: /^[0-3]$/,
  page: /^[1-9]\d{0,3}$/,
  offset: /^[1-9]\d{0,2}$/,
  extensions: /^(base|all)$/,
  filter: /^\d{6}$/,
};

export interface SlimDistrict {
  name: string;
  districts: SlimDistrict[];
}

/** AMap's answer as the hotel API passes it on: status from `infocode` (0 for AMap's 10000), message from `info`. */
export interface DistrictResult {
  status: number;
  message: string;
  districts: SlimDistrict[];
}

function slim(districts: AmapDistrict[] | undefined): SlimDistrict[] {
  return (districts ?? []).map((district) => ({ name: String(district.name ?? ''), districts: slim(district.districts) }));
}

/**
 * District look-up through AMap: only AMap's own parameters are forwarded (with FaceGate's key),
 * the answer is slimmed to names and sub-districts, and kept for an hour (districts rarely change).
 */
@Injectable()
export class DistrictService {
  private readonly cache = new Map<string, { result: DistrictResult; expiresAt: number }>();

  constructor(
    private readonly amap: AmapDistrictClient,
    private readonly clock: Clock,
  ) {}

  /** The query string's AMap parameters, checked; anything else is dropped. */
  parameters(query: Record<string, unknown>): DistrictQuery {
    const parameters: DistrictQuery = {};
    for (const name of DISTRICT_PARAMETERS) {
      const value = query[name];
      if (value === undefined || value === '') continue;
      if (typeof value !== 'string' || !RULES[name].test(value)) throw new InvalidInputError(`${name} is not a value AMap takes`);
      parameters[name] = value;
    }
    return parameters;
  }

  async lookUp(query: DistrictQuery): Promise<DistrictResult> {
    if (!this.amap.configured) throw new UpstreamError('AMAP_KEY is not set');
    const key = DISTRICT_PARAMETERS.map((name) => `${name}=${query[name] ?? ''}`).join('&');
    const now = this.clock.now().getTime();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.result;
    const answer = await this.amap.districts(query);
    const code = String(answer.infocode ?? '');
    if (!/^\d+$/.test(code)) throw new UpstreamError(`AMap answered without an infocode (${answer.info ?? 'no info'})`);
    const result: DistrictResult = { status: code === AMAP_OK ? 0 : Number(code), message: answer.info ?? '', districts: code === AMAP_OK ? slim(answer.districts) : [] };
    if (code === AMAP_OK) {
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, { result, expiresAt: now + CACHE_MS });
    }
    return result;
  }
}
