import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** A paged list that reloads when its query changes; errors show the server's message. */
export function usePaged<T>(load: (page: number) => Promise<PageOf<T>>, deps: unknown[]) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);

  // The caller names what its loader reads (filters, search), as for useEffect.
  const fetchPage = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const result = await fetchPage(page);
      setRows(result.items);
      setTotal(result.total);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setLoading(false);
    }
  }, [fetchPage, page, message]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => setPage(1), [fetchPage]);
  return { rows, total, page, setPage, loading, reload };
}
