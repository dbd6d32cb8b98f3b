import { Injectable } from '@nestjs/common';
import { UpstreamError } from '../../common/errors/domain-errors';
import { HotelConfig } from '../../config/hotel.config';

/** A district as AMap's district API returns it (fields FaceGate passes on; AMap sends more). */
export interface AmapDistrict {
  name?: string;
  districts?: AmapDistrict[];
  [key: string]: unknown;
}

export interface AmapDistrictAnswer {
  status?: string;
  info?: string;
  infocode?: string;
  districts?: AmapDistrict[];
}

/** The parameters of AMap's district API that a client may set (key, output and callback are FaceGate's). */
export const DISTRICT_PARAMETERS = ['keywords', 'subdistrict', 'page', 'offset', 'extensions', 'filter'] as const;
export type DistrictQuery = Partial<Record<(typeof DISTRICT_PARAMETERS)[number], string>>;

/** AMap's administrative district API (`/v3/config/district`), the port to it. */
@Injectable()
export class AmapDistrictClient {
  constructor(private readonly config: HotelConfig) {}

  get configured(): boolean {
    return Boolean(this.config.amapKey);
  }

  async districts(query: DistrictQuery): Promise<AmapDistrictAnswer> {
    const url = new URL(`${this.config.amapApiBase.replace(/\/+$/, '')}/v3/config/district`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
    url.searchParams.set('key', this.config.amapKey!);
    url.searchParams.set('output', 'JSON');
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.config.amapTimeoutMs) });
    } catch (error) {
      throw new UpstreamError(`AMap district API: ${(error as Error).message}`);
    }
    const text = await response.text();
    try {
      return JSON.parse(text) as AmapDistrictAnswer;
    } catch {
      throw new UpstreamError(`AMap district API: HTTP ${response.status} with a body that is not JSON`);
    }
  }
}
