import { createStore } from '../ui/store';

const MUTE_KEY = 'lifeline.muted';

export const mutedStore = createStore<boolean>(localStorage.getItem(MUTE_KEY) === '1');

export function setMuted(muted: boolean): void {
  localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
  mutedStore.set(muted);
}

let audio: AudioContext | null = null;

/**
 * Browsers start audio only after a user gesture: the first click or key press anywhere (signing in is
 * one) unlocks the context, so later alarms can sound on an unattended wall screen.
 */
export function unlockAudioOnFirstGesture(): void {
  const unlock = () => {
    audio ??= new AudioContext();
    void audio.resume();
  };
  window.addEventListener('pointerdown', unlock, { once: true, capture: true });
  window.addEventListener('keydown', unlock, { once: true, capture: true });
}

/** The audible cue for a new major (red) alarm: three falling two-tone pulses, unless muted. */
export function beepMajorAlarm(): void {
  if (mutedStore.get() || !audio || audio.state !== 'running') return;
  const start = audio.currentTime + 0.02;
  for (let pulse = 0; pulse < 3; pulse++) {
    tone(audio, 880, start + pulse * 0.5, 0.18);
    tone(audio, 660, start + pulse * 0.5 + 0.2, 0.18);
  }
}

function tone(ctx: AudioContext, hz: number, at: number, seconds: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'square';
  osc.frequency.value = hz;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.25, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + seconds + 0.02);
}
