import { useI18n } from '../i18n/i18n';
import { useCatalogIndex } from '../hooks/useCatalogIndex';
import type { MessageKey } from '../i18n/messages';
import type { HistoryEntry } from '../services/recs-client';

const SHOWN = 50;

/** The interaction log, newest first, each entry removable. */
export function HistoryList({ entries, onRemove }: { entries: readonly HistoryEntry[]; onRemove: (id: string) => void }) {
  const { t, locale } = useI18n();
  const { byId } = useCatalogIndex();
  const meaningful = entries.filter((e) => e.kind !== 'dwell');
  if (!meaningful.length) return <p className="muted">{t('taste.historyEmpty')}</p>;
  return (
    <ul className="history" data-testid="history">
      {meaningful.slice(0, SHOWN).map((e) => {
        const title = byId.get(e.itemId)?.title ?? e.itemId;
        const kind = t(`kind.${e.kind}` as MessageKey);
        return (
          <li key={e.id} data-kind={e.kind}>
            <span className="history-kind">{kind}</span>
            <a href={`#/item/${encodeURIComponent(e.itemId)}`}>{title}</a>
            <time className="muted" dateTime={new Date(e.at).toISOString()}>
              {new Date(e.at).toLocaleString(locale)}
            </time>
            <button type="button" className="link-button" aria-label={t('taste.removeLabel', { kind, item: title })} onClick={() => onRemove(e.id)}>
              {t('taste.remove')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
