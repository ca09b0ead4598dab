import { useState } from 'react';
import { Button, Tooltip } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';

/**
 * For admins: opens the background-jobs dashboard in a new browser tab. A page opened that way carries no token,
 * so the service hands out a link that works for one minute and sets a cookie for the dashboard alone.
 */
export function JobsButton({ label = 'Background jobs', testId = 'open-jobs' }: { label?: string; testId?: string } = {}) {
  const api = useApi();
  const [failed, setFailed] = useState(false);

  async function open() {
    // Opened before the request, while the click still counts as the person's own action (popup blockers).
    const tab = window.open('', '_blank');
    try {
      const link = await api.dashboardLink();
      setFailed(false);
      if (tab) {
        tab.opener = null;
        tab.location.href = link.url;
      } else {
        window.location.assign(link.url);
      }
    } catch {
      tab?.close();
      setFailed(true);
    }
  }

  return (
    <Tooltip content={failed ? 'The jobs dashboard could not be opened; try again.' : 'Job health: runs, failures, queues'} relationship="description">
      <Button size="small" data-testid={testId} onClick={() => void open()}>
        {label}
      </Button>
    </Tooltip>
  );
}
