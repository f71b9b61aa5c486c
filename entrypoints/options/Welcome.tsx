/**
 * The first-run welcome at the top of Options (opened on install, entrypoints/background/first-run.ts),
 * shown while no token is saved: how to make a read-only token in OpenTrain, on the configured URL.
 */
import { i18n } from '#i18n';
import { apiKeysPageUrl, checkOrigin } from '@/lib/api/origin';
import './welcome.css';

/** The link follows the OpenTrain URL as it is typed, once it is a valid one; else the saved one. */
export function Welcome({ typedOrigin, savedOrigin }: { typedOrigin: string; savedOrigin: string }) {
  const t = i18n.t;
  const typed = checkOrigin(typedOrigin);
  const origin = typed.ok ? typed.origin : savedOrigin;
  return (
    <section class="welcome" aria-labelledby="welcome-heading" data-testid="welcome">
      <h2 id="welcome-heading">{t('options.welcome.heading')}</h2>
      <p>{t('options.welcome.lead')}</p>
      <ol>
        <li>
          {t('options.welcome.create')}{' '}
          <a href={apiKeysPageUrl(origin)} target="_blank" rel="noreferrer" data-testid="api-keys-link">
            {t('options.welcome.apiKeysLink', [origin])}
          </a>
        </li>
        <li>{t('options.welcome.paste')}</li>
        <li>{t('options.welcome.save')}</li>
      </ol>
    </section>
  );
}
