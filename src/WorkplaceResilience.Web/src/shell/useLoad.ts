import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Loads again in the background: the current data stays on screen (no loading state) until the new arrives. */
  refresh: () => void;
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/** Runs `load` on mount (and on reload); ignores results that arrive after unmount or a newer reload. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const quiet = useRef(false);

  useEffect(() => {
    let current = true;
    if (!quiet.current) setLoading(true);
    quiet.current = false;
    setError(null);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setDataState(value);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(reason);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const refresh = useCallback(() => {
    quiet.current = true;
    setGeneration((g) => g + 1);
  }, []);
  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, refresh, setData };
}
