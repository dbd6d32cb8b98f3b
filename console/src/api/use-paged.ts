import { App } from 'antd';
import { useCallback, useEffect, useState } from 'react';

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** A paged list that reloads when its query changes; errors show the server's message. */
export function usePaged<T>(load: (page: number) => Promise<PageOf<T>>, deps: unknown[]) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);

  // The caller names what its loader reads (filters, search), as for useEffect.
  const fetchPage = useCallback(load, deps);
  // The page belongs to the query it was chosen for: a new query starts on page 1, in one fetch.
  const [paging, setPaging] = useState({ page: 1, of: fetchPage });
  const page = paging.of === fetchPage ? paging.page : 1;
  const setPage = useCallback((next: number) => setPaging({ page: next, of: fetchPage }), [fetchPage]);
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
  return { rows, setRows, total, page, setPage, loading, reload };
}
