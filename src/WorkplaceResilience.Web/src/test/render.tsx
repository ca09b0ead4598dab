import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { ApiClient } from '../api/client';
import { ApiProvider } from '../api/ApiContext';

export function renderWithApi(ui: ReactElement, client = new ApiClient({ getToken: () => 'test-token' })) {
  return render(
    <FluentProvider theme={teamsLightTheme}>
      <ApiProvider client={client}>
        <main>{ui}</main>
      </ApiProvider>
    </FluentProvider>,
  );
}
