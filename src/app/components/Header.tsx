import { useId } from 'react';
import { useI18n, type Locale } from '../i18n/i18n';
import { useInteractionLog } from '../hooks/useInteractionLog';
import type { ThemeChoice } from '../hooks/useTheme';
import type { Route } from '../lib/route';
import type { MessageKey } from '../i18n/messages';
import { Icon } from './Icon';

const NAV: { route: Route['name']; href: string; label: MessageKey }[] = [
  { route: 'for-you', href: '#/for-you', label: 'nav.forYou' },
  { route: 'catalog', href: '#/', label: 'nav.catalog' },
  { route: 'photo', href: '#/photo', label: 'nav.photo' },
  { route: 'taste', href: '#/taste', label: 'nav.taste' },
  { route: 'insights', href: '#/insights', label: 'nav.insights' },
];

interface Props {
  demo: boolean;
  current: Route['name'];
  theme: ThemeChoice;
  onTheme: (theme: ThemeChoice) => void;
}

export function Header({ demo, current, theme, onTheme }: Props) {
  const { totals } = useInteractionLog();
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <header className="app-header">
      <a className="brand" href="#/for-you">
        Glimpse
      </a>
      {demo && (
        <span className="demo-badge" title={t('demo.badgeTitle')}>
          {t('demo.badge')}
        </span>
      )}
      <nav aria-label={t('nav.main')} className="main-nav">
        {NAV.map((n) => (
          <a key={n.href} href={n.href} aria-current={current === n.route ? 'page' : undefined}>
            {t(n.label)}
          </a>
        ))}
      </nav>
      <p className="header-counts" aria-label={t('header.activity')}>
        <span data-testid="liked-count"><Icon name="heart" filled /> {t('header.liked', { n: totals.liked })}</span>
        <span data-testid="saved-count"><Icon name="star" filled /> {t('header.saved', { n: totals.saved })}</span>
        <span data-testid="cart-count"><Icon name="cart" /> {t('header.inCart', { n: totals.inCart })}</span>
      </p>
      <div className="settings">
        <label htmlFor={`${id}-lang`} className="visually-hidden">
          {t('settings.language')}
        </label>
        <select id={`${id}-lang`} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
        <label htmlFor={`${id}-theme`} className="visually-hidden">
          {t('settings.theme')}
        </label>
        <select id={`${id}-theme`} value={theme} onChange={(e) => onTheme(e.target.value as ThemeChoice)}>
          <option value="system">{t('theme.system')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
      </div>
    </header>
  );
}
