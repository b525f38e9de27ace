import { useRef, useState } from 'react';
import type { Catalog } from '../../core/catalog/schema';
import { useI18n } from '../i18n/i18n';
import { useInteractionLog } from '../hooks/useInteractionLog';
import { useOnboardingChoice } from '../hooks/useOnboardingChoice';
import { useRecsQuery } from '../hooks/useRecsQuery';
import { hasTasteSignal } from '../lib/starter-picks';
import { RecGrid } from '../components/RecGrid';
import { StarterPicks } from '../components/StarterPicks';
import { TrainingIndicator } from '../components/TrainingIndicator';

const FEED_SIZE = 24;

/**
 * The personalised feed; re-ranks after every like or dismissal (useRecsQuery listens for changes).
 * A shopper with no taste signal yet who has neither finished nor skipped onboarding first picks a few
 * images they like.
 */
export function ForYouScreen({ catalog }: { catalog: Catalog }) {
  const { t } = useI18n();
  const { events, loaded } = useInteractionLog();
  const [choice, setChoice] = useOnboardingChoice();
  const heading = useRef<HTMLHeadingElement>(null);
  // Pinned while the picks are being saved: the first confirmed like must not swap the grid for the feed.
  const [saving, setSaving] = useState(false);
  const onboarding = saving || (loaded && choice === null && !hasTasteSignal(events));
  const finish = (next: 'done' | 'skipped') => {
    setSaving(false);
    setChoice(next);
    // The grid the focus was in disappears: continue from the heading of the feed that replaces it.
    requestAnimationFrame(() => heading.current?.focus());
  };
  return (
    <section className="screen" aria-labelledby="for-you-heading">
      {onboarding ? (
        <>
          <div className="screen-head">
            <h1 id="for-you-heading" ref={heading} tabIndex={-1}>
              {t('feed.title')}
            </h1>
          </div>
          <StarterPicks catalog={catalog} onSaving={setSaving} onDone={() => finish('done')} onSkip={() => finish('skipped')} />
        </>
      ) : (
        <Feed heading={heading} waiting={!loaded} />
      )}
    </section>
  );
}

function Feed({ heading, waiting }: { heading: React.RefObject<HTMLHeadingElement | null>; waiting: boolean }) {
  const { t } = useI18n();
  const feed = useRecsQuery('for-you', (c) => c.forYou({ k: FEED_SIZE }));
  const cold = feed.status === 'ready' && feed.data.every((r) => r.explanations[0]?.kind === 'popular-in');
  const learning = waiting || feed.status === 'loading' || (feed.status === 'ready' && feed.refreshing);
  return (
    <>
      <div className="screen-head">
        <h1 id="for-you-heading" ref={heading} tabIndex={-1}>
          {t('feed.title')}
        </h1>
        <span className={`learning${learning ? ' learning--on' : ''}`} role="status" data-testid="learning" data-state={learning ? 'learning' : 'idle'}>
          {learning ? t('feed.learning') : t('feed.updated')}
        </span>
      </div>
      <p className="muted">{cold ? t('feed.cold') : t('feed.intro')}</p>
      <TrainingIndicator />
      {feed.status === 'error' && <p role="alert">{t('feed.error', { message: feed.error.message })}</p>}
      {!waiting && feed.data && (feed.data.length ? <RecGrid recs={feed.data} label={t('feed.title')} testId="feed" /> : <p className="empty">{t('feed.empty')}</p>)}
    </>
  );
}
