import { useCallback, useEffect, useRef } from 'react';

/**
 * `work`, run `delayMs` after the first call of a burst: a flood of live messages that each say
 * "this count changed" asks the server once, not once per message.
 */
export function useSoon(work: () => void, delayMs = 1000): () => void {
  const latest = useRef(work);
  latest.current = work;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, delayMs);
  }, [delayMs]);
}
