import { useI18n } from '../i18n/i18n';
import { useRecsQuery } from '../hooks/useRecsQuery';
import { RecGrid } from '../components/RecGrid';

const FEED_SIZE = 24;

/** The personalised feed; re-ranks after every like or dismissal (useRecsQuery listens for changes). */
export function ForYouScreen() {
  const { t } = useI18n();
  const feed = useRecsQuery('for-you', (c) => c.forYou({ k: FEED_SIZE }));
  const cold = feed.status === 'ready' && feed.data.every((r) => r.explanations[0]?.kind === 'popular-in');
  const learning = feed.status === 'loading' || (feed.status === 'ready' && feed.refreshing);
  return (
    <section className="screen" aria-labelledby="for-you-heading">
      <div className="screen-head">
        <h1 id="for-you-heading">{t('feed.title')}</h1>
        <span className={`learning${learning ? ' learning--on' : ''}`} role="status" data-testid="learning" data-state={learning ? 'learning' : 'idle'}>
          {learning ? t('feed.learning') : t('feed.updated')}
        </span>
      </div>
      <p className="muted">{cold ? t('feed.cold') : t('feed.intro')}</p>
      {feed.status === 'error' && <p role="alert">{t('feed.error', { message: feed.error.message })}</p>}
      {feed.data && (feed.data.length ? <RecGrid recs={feed.data} label={t('feed.title')} testId="feed" /> : <p className="empty">{t('feed.empty')}</p>)}
    </section>
  );
}
