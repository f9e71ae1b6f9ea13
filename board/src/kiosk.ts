/** A kiosk board hides the pointer and, where the browser allows it, keeps the screen awake. */
export function enterKioskMode(): void {
  document.documentElement.classList.add('kiosk');
  const wake = () => {
    if (document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
    navigator.wakeLock.request('screen').catch(() => undefined); // needs https or localhost; optional
  };
  wake();
  document.addEventListener('visibilitychange', wake);
}
