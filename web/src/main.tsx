import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api/queryClient';
import { authStrings } from './features/auth/strings';
import { addStrings, I18nProvider } from './i18n';
import { commonStrings } from './i18n/common';
import { Root } from './App';
import './styles.css';

// The shell's own strings; each page adds its tables when its code loads (the admin app all of them).
addStrings(commonStrings, authStrings);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Root />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
