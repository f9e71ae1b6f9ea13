import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { applyDisplay } from './lib/display.svelte.js';
import { applyLang } from './lib/i18n.svelte.js';

applyDisplay();
applyLang();

mount(App, { target: document.getElementById('app') as HTMLElement });

// The service worker shows offer notifications and keeps the app shell for weak signals.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register(import.meta.env.BASE_URL + 'sw.js', { scope: import.meta.env.BASE_URL })
      .catch(() => undefined);
  });
}
