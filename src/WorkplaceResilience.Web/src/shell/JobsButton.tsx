import { useState } from 'react';
import { Button, Tooltip } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/lookup';

/**
 * For admins: opens the background-jobs dashboard in a new browser tab. A page opened that way carries no token,
 * so the service hands out a link that works for one minute and sets a cookie for the dashboard alone.
 */
export function JobsButton({ label = 'jobs.open', testId = 'open-jobs' }: { label?: MessageKey; testId?: string } = {}) {
  const api = useApi();
  const { t } = useI18n();
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
    <Tooltip content={t(failed ? 'jobs.tooltipFailed' : 'jobs.tooltip')} relationship="description">
      <Button size="small" data-testid={testId} onClick={() => void open()}>
        {t(label)}

      </Button>
    </Tooltip>
  );
}
