import { useCallback, useState } from 'react';

export type OnboardingChoice = 'done' | 'skipped';
/** Same place as the theme and language choices; "delete everything" clears every glimpse.* key. */
export const ONBOARDING_KEY = 'glimpse.onboarding';

function read(): OnboardingChoice | null {
  try {
    const v = localStorage.getItem(ONBOARDING_KEY);
    return v === 'done' || v === 'skipped' ? v : null;
  } catch {
    return null; // Storage blocked: onboarding shows while the profile is empty.
  }
}

/** Whether the shopper finished or skipped "pick a few images you like" (read on mount, persisted). */
export function useOnboardingChoice(): [OnboardingChoice | null, (choice: OnboardingChoice) => void] {
  const [choice, setChoiceState] = useState(read);
  const setChoice = useCallback((next: OnboardingChoice) => {
    setChoiceState(next);
    try {
      localStorage.setItem(ONBOARDING_KEY, next);
    } catch {
      // Not persisted; still hidden for this visit.
    }
  }, []);
  return [choice, setChoice];
}
