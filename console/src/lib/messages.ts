export { zh, type MessageKey } from './messages.zh.js';
export { en } from './messages.en.js';
