import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { unlockAudioOnFirstGesture } from './lib/beep.js';
import { applyLang } from './lib/i18n.svelte.js';

applyLang();
unlockAudioOnFirstGesture();

mount(App, { target: document.getElementById('app') as HTMLElement });
