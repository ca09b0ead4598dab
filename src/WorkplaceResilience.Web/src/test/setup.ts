import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Fluent UI in jsdom: unmount between tests, or tabster logs "NodeFilter is not defined" after teardown.
afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  vi.useRealTimers();
});
