import { useEffect, useState } from 'react';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';

export type Me = components['schemas']['WhoAmIDto'];

/** The account of the token (role and what it may change); null while loading. */
export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    ok(api.GET('/api/admin/accounts/me')).then(setMe, () => undefined);
  }, []);
  return me;
}

export function mayChange(me: Me | null, area: string): boolean {
  return !!me?.writable.includes(area);
}
